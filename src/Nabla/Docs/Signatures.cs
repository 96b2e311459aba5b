using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nabla;

/// <summary>C# declarations of reflected members, as they would be written in source: keywords for
/// built-in types, <c>T?</c>, <c>params</c>, parameter defaults, tuple element names, operators.</summary>
internal static class Signatures
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    /// <summary>A type as C# spells it: <c>int</c>, <c>ReadOnlySpan&lt;long&gt;</c>, <c>DType?</c>, <c>Tensor[]</c>, <c>(Tensor, Tensor)</c>.</summary>
    public static string TypeName(Type type, NullabilityInfo? nullability = null, IList<string?>? tupleNames = null)
    {
        int tupleIndex = 0;
        return Name(type, nullability, tupleNames, ref tupleIndex);
    }

    private static string Name(Type type, NullabilityInfo? info, IList<string?>? tupleNames, ref int tupleIndex)
    {
        if (type.IsByRef || type.IsPointer)
            return Name(type.GetElementType()!, info, tupleNames, ref tupleIndex) + (type.IsPointer ? "*" : "");
        if (type.IsArray)
        {
            string element = Name(type.GetElementType()!, info?.ElementType, tupleNames, ref tupleIndex);
            return element + "[" + new string(',', type.GetArrayRank() - 1) + "]" + NullableMark(type, info);
        }
        if (type.IsGenericParameter) return type.Name + NullableMark(type, info);
        if (Keywords.TryGetValue(type, out var keyword)) return keyword + NullableMark(type, info);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Name(underlying, info?.GenericTypeArguments.FirstOrDefault(), tupleNames, ref tupleIndex) + "?";
        if (type.IsGenericType)
        {
            var args = type.GetGenericArguments();
            if (IsValueTuple(type) && args.Length <= 7)
            {
                int first = tupleIndex;
                tupleIndex += args.Length;
                var parts = new string[args.Length];
                for (int i = 0; i < args.Length; i++)
                {
                    string element = Name(args[i], At(info?.GenericTypeArguments, i), tupleNames, ref tupleIndex);
                    string? label = tupleNames is not null && first + i < tupleNames.Count ? tupleNames[first + i] : null;
                    parts[i] = label is null ? element : element + " " + label;
                }
                return "(" + string.Join(", ", parts) + ")";
            }
            var names = new string[args.Length];
            for (int i = 0; i < args.Length; i++) names[i] = Name(args[i], At(info?.GenericTypeArguments, i), tupleNames, ref tupleIndex);
            string plain = type.Name;
            int tick = plain.IndexOf('`');
            if (tick >= 0) plain = plain[..tick];
            string outer = type.IsNested && !type.DeclaringType!.IsGenericType ? Plain(type.DeclaringType) + "." : "";
            return outer + plain + "<" + string.Join(", ", names) + ">" + NullableMark(type, info);
        }
        return Plain(type) + NullableMark(type, info);
    }

    private static NullabilityInfo? At(NullabilityInfo[]? infos, int i) => infos is not null && i < infos.Length ? infos[i] : null;

    private static bool IsValueTuple(Type type) =>
        type.IsValueType && type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal);

    private static string Plain(Type type) => type.IsNested ? Plain(type.DeclaringType!) + "." + Strip(type.Name) : Strip(type.Name);

    private static string Strip(string name) => name.IndexOf('`') is var tick and >= 0 ? name[..tick] : name;

    private static string NullableMark(Type type, NullabilityInfo? info) =>
        !type.IsValueType && info?.ReadState == NullabilityState.Nullable ? "?" : "";

    /// <summary>The C# declaration of <paramref name="member"/> (without a body).</summary>
    public static string Of(MemberInfo member, DocMember? doc = null)
    {
        var context = new NullabilityInfoContext();
        string text = member switch
        {
            Type type => OfType(type),
            ConstructorInfo ctor => "public " + (ctor.IsStatic ? "static " : "") + Strip(ctor.DeclaringType!.Name) + Parameters(ctor, context),
            MethodInfo method => OfMethod(method, context),
            PropertyInfo property => OfProperty(property, context),
            FieldInfo field => OfField(field, context),
            EventInfo e => "public " + (e.AddMethod?.IsStatic == true ? "static " : "") + "event " + TypeName(e.EventHandlerType!, context.Create(e)) + " " + e.Name + ";",
            _ => member.ToString() ?? member.Name,
        };
        if (doc is { IsExtension: true })
            text = "extension(" + TypeName(doc.Receiver!) + " " + doc.ReceiverName + ") " + text;
        return text;
    }

    private static string OfMethod(MethodInfo method, NullabilityInfoContext context)
    {
        var sb = new StringBuilder("public ");
        var returnInfo = context.Create(method.ReturnParameter);
        string returnType = TypeName(method.ReturnType, returnInfo, TupleNames(method.ReturnParameter));
        if (method.ReturnType.IsByRef) returnType = (method.ReturnParameter.IsDefined(typeof(IsReadOnlyAttribute)) ? "ref readonly " : "ref ") + returnType;
        sb.Append(Modifiers(method));
        if (method.IsSpecialName && method.Name is "op_Implicit" or "op_Explicit")
        {
            sb.Append(method.Name == "op_Implicit" ? "implicit operator " : "explicit operator ").Append(returnType);
            return sb.Append(Parameters(method, context)).ToString();
        }
        sb.Append(returnType).Append(' ');
        if (method.IsSpecialName && DocMembers.OperatorName(method) is { } op) sb.Append(op);
        else sb.Append(method.Name);
        if (method.IsGenericMethodDefinition)
            sb.Append('<').Append(string.Join(", ", method.GetGenericArguments().Select(a => a.Name))).Append('>');
        sb.Append(Parameters(method, context));
        if (method.IsGenericMethodDefinition) sb.Append(Constraints(method.GetGenericArguments()));
        return sb.ToString();
    }

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic) return "static ";
        if (method.DeclaringType!.IsInterface) return method.IsAbstract ? "" : "virtual ";
        if (method.IsAbstract) return "abstract ";
        bool isOverride = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (isOverride) return method.IsFinal ? "sealed override " : "override ";
        if (method.IsVirtual && !method.IsFinal) return "virtual ";
        return "";
    }

    private static IList<string?>? TupleNames(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames;

    private static string Parameters(MethodBase method, NullabilityInfoContext context)
    {
        bool extension = method.IsDefined(typeof(ExtensionAttribute), false);
        var parts = method.GetParameters().Select((p, i) => Parameter(p, context, extension && i == 0));
        return "(" + string.Join(", ", parts) + ")";
    }

    private static string Parameter(ParameterInfo p, NullabilityInfoContext context, bool isThis)
    {
        var sb = new StringBuilder();
        if (isThis) sb.Append("this ");
        if (p.IsDefined(typeof(ParamArrayAttribute)) || p.IsDefined(typeof(ParamCollectionAttribute))) sb.Append("params ");
        if (p.ParameterType.IsByRef)
        {
            if (p.IsOut) sb.Append("out ");
            else if (p.IsDefined(typeof(RequiresLocationAttribute))) sb.Append("ref readonly ");
            else if (p.IsIn) sb.Append("in ");
            else sb.Append("ref ");
        }
        NullabilityInfo? info = null;
        try { info = context.Create(p); } catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { }
        sb.Append(TypeName(p.ParameterType, info, TupleNames(p))).Append(' ').Append(p.Name);
        if (p.HasDefaultValue) sb.Append(" = ").Append(Literal(p.DefaultValue, p.ParameterType));
        else if (p.IsOptional && p.ParameterType.IsValueType) sb.Append(" = default");
        return sb.ToString();
    }

    /// <summary>A default value as a C# literal: <c>null</c>, <c>false</c>, <c>1.0</c>, <c>DType.Float32</c>, <c>double.PositiveInfinity</c>.</summary>
    public static string Literal(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsByRef) target = target.GetElementType()!;
        if (value is null || value is DBNull || value == Missing.Value)
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null";
        if (target.IsEnum)
        {
            var enumValue = value.GetType() == target ? value : Enum.ToObject(target, value);
            string text = enumValue.ToString()!;
            if (char.IsDigit(text[0]) || text[0] == '-') return "(" + TypeName(target) + ")" + text;
            return string.Join(" | ", text.Split(", ").Select(part => TypeName(target) + "." + part));
        }
        return value switch
        {
            bool b => b ? "true" : "false",
            string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"",
            char c => "'" + c + "'",
            double d => DoubleLiteral(d, "double", ""),
            float f => DoubleLiteral(f, "float", "f"),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "default",
        };
    }

    private static string DoubleLiteral(double d, string keyword, string suffix)
    {
        if (double.IsNaN(d)) return keyword + ".NaN";
        if (double.IsPositiveInfinity(d)) return keyword + ".PositiveInfinity";
        if (double.IsNegativeInfinity(d)) return keyword + ".NegativeInfinity";
        string text = suffix == "f" ? ((float)d).ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E')) text += ".0";
        return text + suffix;
    }

    private static string Constraints(Type[] parameters)
    {
        var sb = new StringBuilder();
        foreach (var p in parameters)
        {
            var parts = new List<string>();
            var attributes = p.GenericParameterAttributes;
            bool unmanaged = p.CustomAttributes.Any(a => a.AttributeType.Name == "IsUnmanagedAttribute");
            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint)) parts.Add("class");
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add(unmanaged ? "unmanaged" : "struct");
            parts.AddRange(p.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => TypeName(c)));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                parts.Add("new()");
            if (attributes.HasFlag(GenericParameterAttributes.AllowByRefLike)) parts.Add("allows ref struct");
            if (parts.Count > 0) sb.Append(" where ").Append(p.Name).Append(" : ").Append(string.Join(", ", parts));
        }
        return sb.ToString();
    }

    private static string OfProperty(PropertyInfo property, NullabilityInfoContext context)
    {
        var accessor = property.GetMethod ?? property.SetMethod!;
        var sb = new StringBuilder("public ");
        sb.Append(Modifiers(accessor));
        NullabilityInfo? info = null;
        try { info = context.Create(property); } catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { }
        sb.Append(TypeName(property.PropertyType, info)).Append(' ');
        var index = property.GetIndexParameters();
        if (index.Length > 0) sb.Append("this[").Append(string.Join(", ", index.Select(p => Parameter(p, context, false)))).Append(']');
        else sb.Append(property.Name);
        sb.Append(" { ");
        if (property.GetMethod is { IsPublic: true }) sb.Append("get; ");
        if (property.SetMethod is { IsPublic: true } setter)
            sb.Append(setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init; " : "set; ");
        return sb.Append('}').ToString();
    }

    private static string OfField(FieldInfo field, NullabilityInfoContext context)
    {
        if (field.DeclaringType!.IsEnum)
            return field.Name + " = " + Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
        string type = TypeName(field.FieldType, context.Create(field));
        if (field.IsLiteral) return $"public const {type} {field.Name} = {Literal(field.GetRawConstantValue(), field.FieldType)};";
        return "public " + (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "") + type + " " + field.Name + ";";
    }

    private static string OfType(Type type)
    {
        var sb = new StringBuilder("public ");
        string kind;
        if (type.IsEnum) kind = "enum";
        else if (type.IsInterface) kind = "interface";
        else if (typeof(Delegate).IsAssignableFrom(type.BaseType)) kind = "delegate";
        else if (type.IsValueType)
        {
            kind = "struct";
            if (type.IsDefined(typeof(IsReadOnlyAttribute), false)) kind = "readonly " + kind;
            if (type.IsByRefLike) kind = "ref " + kind;
        }
        else
        {
            kind = "class";
            if (type.IsAbstract && type.IsSealed) kind = "static class";
            else if (type.IsAbstract) kind = "abstract class";
            else if (type.IsSealed) kind = "sealed class";
        }
        if (kind == "delegate" && type.GetMethod("Invoke") is { } invoke)
            return sb.Append("delegate ").Append(TypeName(invoke.ReturnType)).Append(' ').Append(DocMembers.TypeDisplayName(type))
                .Append(Parameters(invoke, new NullabilityInfoContext())).ToString();
        sb.Append(kind).Append(' ').Append(DocMembers.TypeDisplayName(type));
        var bases = new List<string>();
        if (type.IsEnum && Enum.GetUnderlyingType(type) != typeof(int)) bases.Add(TypeName(Enum.GetUnderlyingType(type)));
        if (!type.IsValueType && !type.IsInterface && type.BaseType is { } baseType && baseType != typeof(object))
            bases.Add(TypeName(baseType));
        if (!type.IsEnum)
        {
            var inherited = type.BaseType?.GetInterfaces() ?? [];
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic && !inherited.Contains(i)).Select(i => TypeName(i)));
        }
        if (bases.Count > 0) sb.Append(" : ").Append(string.Join(", ", bases));
        if (type.IsGenericTypeDefinition) sb.Append(Constraints(type.GetGenericArguments()));
        return sb.ToString();
    }
}
