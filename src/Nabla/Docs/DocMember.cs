using System.Reflection;
using System.Runtime.CompilerServices;

namespace Nabla;

/// <summary>
/// One documented member as a user sees it: the reflection member that carries the docs and the
/// signature, the type it is listed under, and the name <c>dir()</c> shows (<c>operator +</c>,
/// <c>this[]</c>, an extension property under its receiver type).
/// </summary>
internal sealed record DocMember(MemberInfo Member, Type Owner, string Name, Type? Receiver = null, string? ReceiverName = null)
{
    /// <summary>The name as <c>Owner.Name</c>, with the owner's nesting (<c>Autograd.GradScope.Dispose</c>).</summary>
    public string QualifiedName => DocMembers.TypeDisplayName(Owner) + "." + Name;

    /// <summary>True for a C# 14 extension member (declared in an <c>extension(T x)</c> block).</summary>
    public bool IsExtension => Receiver is not null;

    /// <summary>The method whose IL (and so whose sequence points) implements this member, if any.</summary>
    public MethodBase? BodyMethod => Member switch
    {
        MethodBase method when IsExtension => DocMembers.ExtensionImplementation(method, Owner, Receiver!),
        PropertyInfo property when IsExtension => DocMembers.ExtensionImplementation(property.GetMethod ?? property.SetMethod!, Owner, Receiver!),
        MethodBase method => method,
        PropertyInfo property => property.GetMethod ?? property.SetMethod,
        EventInfo e => e.AddMethod,
        _ => null,
    };
}

/// <summary>Enumerates the public surface of the Nabla assemblies for <see cref="Docs"/>.</summary>
internal static class DocMembers
{
    private const BindingFlags PublicMembers = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>The assemblies documented: Nabla itself, plus loaded Nabla.* libraries (Nabla.Data, Nabla.Plot, ...).</summary>
    public static IEnumerable<Assembly> Assemblies()
    {
        var core = typeof(Docs).Assembly;
        yield return core;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly == core || assembly.IsDynamic) continue;
            var name = assembly.GetName().Name ?? "";
            if (!name.StartsWith("Nabla.", StringComparison.Ordinal)) continue;
            if (name.EndsWith(".Tests", StringComparison.Ordinal) || name is "Nabla.Repl" or "Nabla.Bench" or "Nabla.Samples") continue;
            yield return assembly;
        }
    }

    /// <summary>Every public, non-compiler-generated type of the documented assemblies, nested ones included.</summary>
    public static IEnumerable<Type> PublicTypes() =>
        Assemblies().SelectMany(SafeExportedTypes).Where(IsUserVisible);

    private static Type[] SafeExportedTypes(Assembly assembly)
    {
        try { return assembly.GetExportedTypes(); }
        catch (Exception e) when (e is ReflectionTypeLoadException or NotSupportedException or FileNotFoundException) { return []; }
    }

    /// <summary>The namespaces that hold public types, sorted.</summary>
    public static IReadOnlyList<string> Namespaces() =>
        [.. PublicTypes().Select(t => t.Namespace ?? "").Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>False for compiler-generated names such as extension-block marker types and closures.</summary>
    public static bool IsUserVisible(Type type) =>
        !type.Name.Contains('<') && !type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>A type's name as C# code spells it from inside its namespace: <c>Autograd.GradScope</c>, <c>Foo&lt;T&gt;</c>.</summary>
    public static string TypeDisplayName(Type type)
    {
        string name = type.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (type.IsGenericTypeDefinition)
        {
            var own = type.GetGenericArguments().Skip(type.DeclaringType?.GetGenericArguments().Length ?? 0).Select(a => a.Name).ToArray();
            if (own.Length > 0) name += "<" + string.Join(", ", own) + ">";
        }
        // A class declared in a shell session is nested in its submission class (Submission#3).
        return type.DeclaringType is { } outer && !outer.Name.StartsWith("Submission#", StringComparison.Ordinal)
            ? TypeDisplayName(outer) + "." + name : name;
    }

    /// <summary>The public members of <paramref name="type"/> as <c>dir()</c> lists them (overloads share one name).</summary>
    public static IReadOnlyList<DocMember> Members(Type type)
    {
        var result = new List<DocMember>();
        var implementations = new HashSet<MethodInfo>();
        foreach (var extension in ExtensionMembers(type.IsAbstract && type.IsSealed ? type : null))
        {
            result.Add(extension);
            if (extension.BodyMethod is MethodInfo body) implementations.Add(body);
            if (extension.Member is PropertyInfo { SetMethod: { } setter } && ExtensionImplementation(setter, type, extension.Receiver!) is { } setBody)
                implementations.Add(setBody);
        }
        foreach (var member in type.GetMembers(PublicMembers))
        {
            if (member.DeclaringType is { } declaring && IsSystemRoot(declaring)) continue;
            if (member is MethodInfo m && implementations.Contains(m)) continue;
            if (DisplayName(member) is { } name) result.Add(new DocMember(member, type, name));
        }
        // Extension members declared elsewhere whose receiver is this type (DType.IsFloatingPoint).
        foreach (var owner in PublicTypes().Where(t => t.IsAbstract && t.IsSealed && t != type))
            foreach (var extension in ExtensionMembers(owner))
                if (extension.Receiver == type) result.Add(extension);
        return result;
    }

    private static bool IsSystemRoot(Type type) => type == typeof(object) || type == typeof(ValueType) || type == typeof(Enum);

    /// <summary>The name shown for a member, or null for accessors, compiler-generated and special members.</summary>
    public static string? DisplayName(MemberInfo member)
    {
        if (member.Name.Contains('<') || member.IsDefined(typeof(CompilerGeneratedAttribute), false)) return null;
        switch (member)
        {
            case ConstructorInfo:
                return null;
            case MethodInfo method when method.IsSpecialName:
                return OperatorName(method);
            case MethodInfo:
                return member.Name;
            case PropertyInfo property when property.GetIndexParameters().Length > 0:
                return "this[]";
            case FieldInfo field when field.IsSpecialName:
                return null; // an enum's value__
            case Type type:
                return IsUserVisible(type) ? TypeDisplayName(type)[(TypeDisplayName(type.DeclaringType!).Length + 1)..] : null;
            default:
                return member.Name;
        }
    }

    private static readonly Dictionary<string, string> OperatorSymbols = new()
    {
        ["op_Addition"] = "+", ["op_Subtraction"] = "-", ["op_Multiply"] = "*", ["op_Division"] = "/",
        ["op_Modulus"] = "%", ["op_BitwiseAnd"] = "&", ["op_BitwiseOr"] = "|", ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<", ["op_RightShift"] = ">>", ["op_UnsignedRightShift"] = ">>>",
        ["op_Equality"] = "==", ["op_Inequality"] = "!=", ["op_LessThan"] = "<", ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=", ["op_GreaterThanOrEqual"] = ">=",
        ["op_UnaryNegation"] = "-", ["op_UnaryPlus"] = "+", ["op_LogicalNot"] = "!", ["op_OnesComplement"] = "~",
        ["op_Increment"] = "++", ["op_Decrement"] = "--", ["op_True"] = "true", ["op_False"] = "false",
        ["op_AdditionAssignment"] = "+=", ["op_SubtractionAssignment"] = "-=", ["op_MultiplicationAssignment"] = "*=",
        ["op_DivisionAssignment"] = "/=", ["op_ModulusAssignment"] = "%=", ["op_BitwiseAndAssignment"] = "&=",
        ["op_BitwiseOrAssignment"] = "|=", ["op_ExclusiveOrAssignment"] = "^=", ["op_LeftShiftAssignment"] = "<<=",
        ["op_RightShiftAssignment"] = ">>=", ["op_UnsignedRightShiftAssignment"] = ">>>=",
        ["op_IncrementAssignment"] = "++", ["op_DecrementAssignment"] = "--",
    };

    /// <summary>"operator +", "implicit operator Tensor", "explicit operator float"; null for accessors.</summary>
    public static string? OperatorName(MethodInfo method)
    {
        string name = method.Name;
        if (name.StartsWith("op_Checked", StringComparison.Ordinal))
            return OperatorSymbols.TryGetValue("op_" + name["op_Checked".Length..], out var c) ? "operator checked " + c : null;
        if (OperatorSymbols.TryGetValue(name, out var symbol)) return "operator " + symbol;
        if (name == "op_Implicit") return "implicit operator " + Signatures.TypeName(method.ReturnType);
        if (name == "op_Explicit") return "explicit operator " + Signatures.TypeName(method.ReturnType);
        return null;
    }

    /// <summary>Members of C# 14 <c>extension(T x) { ... }</c> blocks declared in the static class <paramref name="owner"/>.</summary>
    public static IEnumerable<DocMember> ExtensionMembers(Type? owner)
    {
        if (owner is null) yield break;
        foreach (var grouping in owner.GetNestedTypes(BindingFlags.Public))
        {
            if (!grouping.Name.StartsWith("<G>$", StringComparison.Ordinal)) continue;
            var markers = grouping.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
                .Select(t => t.GetMethod("<Extension>$", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                .Where(m => m is not null).Select(m => m!.GetParameters()[0]).ToArray();
            if (markers.Length == 0) continue;
            foreach (var member in grouping.GetMembers(PublicMembers | BindingFlags.DeclaredOnly))
            {
                if (member is MethodInfo { IsSpecialName: true } || member is Type) continue;
                if (member.Name.Contains('<')) continue;
                var receiver = MarkerOf(member, markers);
                string? name = member is MethodInfo method && method.IsSpecialName ? OperatorName(method) : member.Name;
                if (name is not null) yield return new DocMember(member, owner, name, receiver.ParameterType, receiver.Name);
            }
        }
    }

    /// <summary>The receiver parameter of the extension block that declares <paramref name="member"/>.</summary>
    private static ParameterInfo MarkerOf(MemberInfo member, ParameterInfo[] markers)
    {
        // The compiler tags each skeleton member with [ExtensionMarker("<M>$...")] naming its block.
        foreach (var data in member.CustomAttributes)
            if (data.AttributeType.Name == "ExtensionMarkerAttribute" && data.ConstructorArguments is [{ Value: string marker }])
                if (markers.FirstOrDefault(p => p.Member.DeclaringType?.Name == marker) is { } match) return match;
        return markers[0];
    }

    /// <summary>The static implementation method the compiler emits for an extension-block method or accessor.</summary>
    public static MethodInfo? ExtensionImplementation(MethodBase skeleton, Type owner, Type receiver)
    {
        var parameters = skeleton.GetParameters().Select(p => p.ParameterType);
        Type[] types = skeleton.IsStatic ? [.. parameters] : [receiver, .. parameters];
        return owner.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == skeleton.Name
                && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(types, GenericEquality.Instance));
    }

    /// <summary>Compares parameter types, treating generic parameters by position (an extension method's T).</summary>
    private sealed class GenericEquality : IEqualityComparer<Type>
    {
        public static readonly GenericEquality Instance = new();
        public bool Equals(Type? x, Type? y) =>
            x == y || (x is not null && y is not null && (x.ContainsGenericParameters || y.ContainsGenericParameters) && x.Name == y.Name);
        public int GetHashCode(Type obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Python's <c>dir()</c> order: plain ordinal sort of unique names.</summary>
    public static IReadOnlyList<string> SortedNames(IEnumerable<string> names) =>
        [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
