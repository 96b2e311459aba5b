using System.Reflection;
using System.Text;

namespace Nabla;

/// <summary>
/// The documentation-comment IDs the C# compiler writes into the XML documentation file
/// (<c>M:Nabla.Tensor.Ones(System.ReadOnlySpan{System.Int64})</c>), computed from reflection.
/// </summary>
internal static class DocIds
{
    /// <summary>The ID of <paramref name="member"/>, or null for a kind of member that has none.</summary>
    public static string? Of(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeId(type),
        ConstructorInfo ctor => "M:" + TypeId(ctor.DeclaringType!) + "." + ctor.Name.Replace('.', '#') + Parameters(ctor.GetParameters()),
        MethodInfo method => MethodId(method),
        PropertyInfo property => "P:" + TypeId(property.DeclaringType!) + "." + property.Name + Parameters(property.GetIndexParameters()),
        FieldInfo field => "F:" + TypeId(field.DeclaringType!) + "." + field.Name,
        EventInfo e => "E:" + TypeId(e.DeclaringType!) + "." + e.Name,
        _ => null,
    };

    private static string MethodId(MethodInfo method)
    {
        if (method.IsGenericMethod && !method.IsGenericMethodDefinition) method = method.GetGenericMethodDefinition();
        var sb = new StringBuilder("M:").Append(TypeId(method.DeclaringType!)).Append('.').Append(method.Name.Replace('.', '#'));
        if (method.IsGenericMethodDefinition) sb.Append("``").Append(method.GetGenericArguments().Length);
        sb.Append(Parameters(method.GetParameters()));
        if (method.Name is "op_Implicit" or "op_Explicit") sb.Append('~').Append(TypeRef(method.ReturnType));
        return sb.ToString();
    }

    /// <summary>A type definition's name: namespace, nested types joined by '.', generic arity kept.</summary>
    private static string TypeId(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition) type = type.GetGenericTypeDefinition();
        if (type.IsNested) return TypeId(type.DeclaringType!) + "." + type.Name;
        return string.IsNullOrEmpty(type.Namespace) ? type.Name : type.Namespace + "." + type.Name;
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => TypeRef(p.ParameterType))) + ")";

    /// <summary>A type as it appears in a parameter list: <c>System.Nullable{Nabla.DType}</c>, <c>``0[0:,0:]</c>, <c>System.Int32@</c>.</summary>
    private static string TypeRef(Type type)
    {
        if (type.IsByRef) return TypeRef(type.GetElementType()!) + "@";
        if (type.IsPointer) return TypeRef(type.GetElementType()!) + "*";
        if (type.IsArray)
        {
            string element = TypeRef(type.GetElementType()!);
            int rank = type.GetArrayRank();
            return rank == 1 && type.IsSZArray ? element + "[]" : element + "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
        }
        if (type.IsGenericParameter)
            return (type.DeclaringMethod is not null ? "``" : "`") + type.GenericParameterPosition;
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            return GenericName(definition, args, args.Length);
        }
        return TypeId(type);
    }

    /// <summary>A constructed generic type; nested types take their own share of the arguments.</summary>
    private static string GenericName(Type definition, Type[] args, int count)
    {
        string prefix;
        int own = OwnArity(definition);
        int outerCount = count - own;
        if (definition.IsNested)
            prefix = (definition.DeclaringType!.IsGenericType ? GenericName(definition.DeclaringType, args, outerCount) : TypeId(definition.DeclaringType)) + ".";
        else
            prefix = string.IsNullOrEmpty(definition.Namespace) ? "" : definition.Namespace + ".";
        string name = definition.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (own > 0) name += "{" + string.Join(",", args.Skip(outerCount).Take(own).Select(TypeRef)) + "}";
        return prefix + name;
    }

    private static int OwnArity(Type definition)
    {
        string name = definition.Name;
        int tick = name.IndexOf('`');
        return tick >= 0 && int.TryParse(name.AsSpan(tick + 1), out int n) ? n : 0;
    }
}
