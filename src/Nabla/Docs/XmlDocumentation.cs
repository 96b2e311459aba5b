using System.Collections.Concurrent;
using System.Reflection;
using System.Xml;
using System.Xml.Linq;

namespace Nabla;

/// <summary>
/// The XML documentation file the compiler writes beside an assembly (<c>Nabla.xml</c> next to
/// <c>Nabla.dll</c>), loaded once per assembly and looked up by documentation ID, with
/// <c>&lt;inheritdoc/&gt;</c> resolved.
/// </summary>
internal sealed class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, XmlDocumentation> Cache = new();

    private readonly Dictionary<string, XElement> members = new(StringComparer.Ordinal);

    /// <summary>Where the file was found, or the places looked at when it was not.</summary>
    public string Location { get; }

    /// <summary>True when the file was found and parsed.</summary>
    public bool Found { get; }

    private XmlDocumentation(Assembly assembly)
    {
        var candidates = BesideAssembly(assembly, ".xml");
        var path = candidates.FirstOrDefault(File.Exists);
        Location = path ?? string.Join(" or ", candidates);
        if (path is null) return;
        try
        {
            var document = XDocument.Load(path);
            foreach (var member in document.Descendants("member"))
                if (member.Attribute("name")?.Value is { } name) members[name] = member;
            Found = true;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            Location = path + " (unreadable: " + e.Message + ")";
        }
    }

    /// <summary>The documentation of <paramref name="assembly"/>.</summary>
    public static XmlDocumentation For(Assembly assembly) => Cache.GetOrAdd(assembly, a => new XmlDocumentation(a));

    /// <summary>
    /// The files that may sit beside <paramref name="assembly"/> with <paramref name="extension"/>:
    /// next to its file (<see cref="Assembly.Location"/>), else in the application's folder
    /// (<see cref="AppContext.BaseDirectory"/>), where a single-file app keeps them.
    /// </summary>
    public static IReadOnlyList<string> BesideAssembly(Assembly assembly, string extension)
    {
        var result = new List<string>();
        string name = assembly.GetName().Name ?? "Nabla";
        string? location = null;
        try { location = assembly.Location; } catch (NotSupportedException) { }
        if (!string.IsNullOrEmpty(location)) result.Add(Path.ChangeExtension(location, extension));
        string inBase = Path.Combine(AppContext.BaseDirectory, name + extension);
        if (!result.Contains(inBase)) result.Add(inBase);
        return result;
    }

    /// <summary>The <c>&lt;member&gt;</c> element of <paramref name="member"/>, with inherited parts merged in; null if undocumented.</summary>
    public static XElement? Of(MemberInfo member) => Of(member, depth: 0);

    private static XElement? Of(MemberInfo member, int depth)
    {
        if (depth > 8 || DocIds.Of(member) is not { } id) return null;
        var assembly = (member as Type ?? member.DeclaringType)?.Assembly;
        if (assembly is null) return null;
        var element = For(assembly).Lookup(id);
        if (element is null)
            return depth == 0 && InheritedFrom(member) is { } baseMember ? Of(baseMember, depth + 1) : null;
        return Resolve(element, member, depth);
    }

    private XElement? Lookup(string id) => members.TryGetValue(id, out var element) ? element : null;

    /// <summary>Replaces <c>&lt;inheritdoc/&gt;</c> with the parts of the source it names (or the base member) that are missing here.</summary>
    private static XElement Resolve(XElement element, MemberInfo member, int depth)
    {
        var inherit = element.Element("inheritdoc");
        if (inherit is null) return element;
        XElement? source = inherit.Attribute("cref")?.Value is { } cref
            ? LookupId(cref, member, depth)
            : InheritedFrom(member) is { } baseMember ? Of(baseMember, depth + 1) : null;
        var merged = new XElement(element);
        merged.Elements("inheritdoc").Remove();
        if (source is null && merged.Element("summary") is null && member is MethodInfo method
            && method.GetBaseDefinition() is { } root && root != method)
            merged.AddFirst(new XElement("summary", $"Overrides {Signatures.TypeName(root.DeclaringType!)}.{root.Name} (see the .NET documentation)."));
        if (source is null) return merged;
        foreach (var part in source.Elements())
        {
            bool present = part.Attribute("name") is { } name
                ? merged.Elements(part.Name).Any(e => e.Attribute("name")?.Value == name.Value)
                : part.Name.LocalName is not ("exception" or "seealso") && merged.Element(part.Name) is not null;
            if (!present) merged.Add(new XElement(part));
        }
        return merged;
    }

    private static XElement? LookupId(string id, MemberInfo context, int depth)
    {
        foreach (var assembly in DocMembers.Assemblies().Prepend((context as Type ?? context.DeclaringType)!.Assembly).Distinct())
            if (For(assembly).Lookup(id) is { } element)
                return element.Element("inheritdoc") is null ? element : Resolve(element, context, depth + 1);
        return null;
    }

    /// <summary>The member an override or an interface implementation inherits its docs from.</summary>
    private static MemberInfo? InheritedFrom(MemberInfo member)
    {
        switch (member)
        {
            case MethodInfo method:
                var baseDefinition = method.GetBaseDefinition();
                if (baseDefinition != method && baseDefinition.DeclaringType != typeof(object)) return baseDefinition;
                return InterfaceMethod(method);
            case PropertyInfo property when (property.GetMethod ?? property.SetMethod) is { } accessor:
                var baseAccessor = accessor.GetBaseDefinition();
                if (baseAccessor != accessor)
                    return baseAccessor.DeclaringType!.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                        .FirstOrDefault(p => p.GetMethod == baseAccessor || p.SetMethod == baseAccessor);
                return null;
            case Type type:
                return type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) ? b : null;
            default:
                return null;
        }
    }

    private static MethodInfo? InterfaceMethod(MethodInfo method)
    {
        var type = method.DeclaringType;
        if (type is null || type.IsInterface) return null;
        foreach (var face in type.GetInterfaces())
        {
            var map = type.GetInterfaceMap(face);
            int i = Array.IndexOf(map.TargetMethods, method);
            if (i >= 0) return map.InterfaceMethods[i];
        }
        return null;
    }
}
