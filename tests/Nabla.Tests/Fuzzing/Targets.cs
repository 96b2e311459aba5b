using System.Reflection;
using Nabla.Distributions;

namespace Nabla.Tests.Fuzzing;

/// <summary>What the fuzzer calls: a method or constructor, by a stable signature, plus how to get its receiver.</summary>
internal sealed record Target(string Signature, MethodBase Method, Invoker.Call Call)
{
    public bool NeedsTensor => Method is MethodInfo { IsStatic: false } m && m.DeclaringType == typeof(Tensor);
    public bool NeedsDistribution => Method is MethodInfo { IsStatic: false } m && typeof(Distribution).IsAssignableFrom(m.DeclaringType);
}

/// <summary>
/// The public surface under test: every public static and instance method of <see cref="Tensor"/>
/// (operators, compound operators, the indexer's get and set, property getters and setters),
/// every public static method of <see cref="Linalg"/>, and every public constructor plus
/// Sample/RSample/LogProb/Cdf/Icdf/Entropy and the moment getters of each distribution.
/// </summary>
internal static class Targets
{
    /// <summary>Calls that change process-wide state other tests rely on (the default seed, validation defaults).</summary>
    private static readonly HashSet<string> Excluded = ["ManualSeed", "set_DefaultValidateArgs", "GetType", "Equals", "GetHashCode", "ReferenceEquals", "MemberwiseClone", "Finalize"];

    private static readonly HashSet<string> DistributionMembers = ["Sample", "RSample", "LogProb", "Cdf", "Icdf", "Entropy", "get_Mean", "get_Variance", "get_Mode", "get_StdDev", "EnumerateSupport", "Perplexity"];

    /// <summary>Distribution types with a public constructor, used to build receivers.</summary>
    public static readonly IReadOnlyList<ConstructorInfo> DistributionConstructors = DistributionTypes().SelectMany(t => t.GetConstructors()).Where(Invoker.CanCall).OrderBy(Signature).ToArray();

    public static readonly IReadOnlyList<Target> All = Build();

    public static readonly IReadOnlyDictionary<string, Target> BySignature = All.ToDictionary(t => t.Signature);

    private static IEnumerable<Type> DistributionTypes() =>
        typeof(Distribution).Assembly.GetExportedTypes().Where(t => typeof(Distribution).IsAssignableFrom(t) && !t.IsAbstract);

    private static List<Target> Build()
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var methods = new List<MethodBase>();
        methods.AddRange(typeof(Tensor).GetMethods(flags).Where(m => !(m.IsStatic && m.Name.StartsWith("set_"))));
        methods.AddRange(typeof(Linalg).GetMethods(flags));
        methods.AddRange(DistributionConstructors);
        foreach (var t in DistributionTypes().Append(typeof(Distribution)))
            methods.AddRange(t.GetMethods(flags).Where(m => !m.IsStatic && DistributionMembers.Contains(m.Name) && !m.IsAbstract));
        return methods.Where(m => !Excluded.Contains(m.Name) && Invoker.CanCall(m) || m.ContainsGenericParameters && m is MethodInfo { IsGenericMethodDefinition: true })
            .Where(m => !Excluded.Contains(m.Name))
            .Select(m => new Target(Signature(m), m, m.ContainsGenericParameters ? null! : Invoker.Compile(m)))
            .GroupBy(t => t.Signature).Select(g => g.First())
            .OrderBy(t => t.Signature, StringComparer.Ordinal).ToList();
    }

    public static string Signature(MethodBase m) =>
        $"{m.DeclaringType!.Name}.{m.Name}{(m.IsGenericMethodDefinition ? "<T>" : "")}({string.Join(", ", m.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type t) =>
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(",", t.GetGenericArguments().Select(TypeName))}>" : t.Name;
}
