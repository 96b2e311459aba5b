using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Nabla.Distributions;

namespace Nabla.Tests.Fuzzing;

/// <summary>One fuzzed call that broke the contract: its seed and target replay it exactly.</summary>
internal sealed record Finding(int Seed, string Signature, string Call, string Reason, Exception? Error)
{
    public override string ToString() =>
        $"seed {Seed}: {Call}\n  {Reason}{(Error is null ? "" : $": {Error.GetType().Name}: {Error.Message}\n{Error.StackTrace}")}";
}

/// <summary>
/// Calls a random public entry point with random arguments and checks the outcome: success, or
/// one of the documented exceptions thrown by argument checking. Everything a call does follows
/// from its seed, so a finding is saved as (seed, signature) and replayed by <see cref="Run"/>.
/// </summary>
internal static class Fuzzer
{
    /// <summary>A call that takes longer than this is reported as a hang.</summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    private static readonly ConcurrentDictionary<MethodInfo, Invoker.Call> Generic = new();

    /// <summary>Outcomes per entry point ("ok", "skipped", or the exception type of a refusal), to see what the arguments reach.</summary>
    public static readonly ConcurrentDictionary<(string Signature, string Outcome), int> Stats = new();

    private static void Count(Target t, string outcome) => Stats.AddOrUpdate((t.Signature, outcome), 1, (_, n) => n + 1);

    /// <summary>Runs the call for <paramref name="seed"/>; with a signature, calls that target instead of the seed's own pick.</summary>
    /// <returns>null when the call kept the contract (or could not be built), else the finding.</returns>
    public static Finding? Run(int seed, string? signature = null)
    {
        var rng = new Random(seed);
        int pick = rng.Next(Targets.All.Count);
        var target = signature is null ? Targets.All[pick] : Targets.BySignature[signature];
        var args = new ArgumentFactory(rng);
        Invoker.Call call;
        object? receiver;
        object?[] values;
        try
        {
            if (!TryPrepare(target, args, out call, out receiver, out values)) { Count(target, "skipped"); return null; }
        }
        catch (Exception e)   // building a hostile argument (a slice with step 0, say) may itself be refused
        {
            Count(target, "skipped");
            return Verdict(e) is { } why ? new(seed, target.Signature, $"{target.Signature}: building the arguments", why, e) : null;
        }
        string text = Describe(target, receiver, values);
        Exception? error = null;
        var task = Task.Run(() =>
        {
            try
            {
                var result = call(receiver, values);
                if (result is Tensor { Numel: <= 4096 } t) _ = t.ToString();   // exercises the result's layout
            }
            catch (Exception e) { error = e; }
        });
        if (!task.Wait(Timeout)) return new(seed, target.Signature, text, $"hang: no result after {Timeout.TotalSeconds} s", null);
        Count(target, error is null ? "ok" : error.GetType().Name);
        return error is null || Verdict(error) is not { } reason ? null : new(seed, target.Signature, text, reason, error);
    }

    private static bool TryPrepare(Target target, ArgumentFactory args, out Invoker.Call call, out object? receiver, out object?[] values)
    {
        call = target.Call;
        receiver = null;
        values = [];
        var method = target.Method;
        if (method is MethodInfo { IsGenericMethodDefinition: true } generic)
        {
            try { method = generic.MakeGenericMethod(args.ElementType()); }
            catch (ArgumentException) { return false; }   // the element type breaks the constraint: C# would not compile it
            if (!Invoker.CanCall(method)) return false;
            call = Generic.GetOrAdd((MethodInfo)method, Invoker.Compile);
        }
        if (target.NeedsTensor) receiver = args.Anchor = args.MakeTensor();
        else if (target.NeedsDistribution && (receiver = MakeDistribution(args, method.DeclaringType!)) is null) return false;
        var ps = method.GetParameters();
        values = new object?[ps.Length];
        for (int i = 0; i < ps.Length; i++)
            if (!args.TryMake(ps[i], receiver as Tensor, out values[i])) return false;
        return true;
    }

    /// <summary>A distribution of the given type from random constructor arguments; null when none of a few tries is accepted.</summary>
    private static Distribution? MakeDistribution(ArgumentFactory args, Type type)
    {
        var constructors = Targets.DistributionConstructors.Where(c => type.IsAssignableFrom(c.DeclaringType)).ToArray();
        for (int attempt = 0; attempt < 6 && constructors.Length > 0; attempt++)
        {
            var c = constructors[args.Rng.Next(constructors.Length)];
            var ps = c.GetParameters();
            var values = new object?[ps.Length];
            bool ok = true;
            for (int i = 0; i < ps.Length && ok; i++) ok = args.TryMake(ps[i], null, out values[i]);
            if (!ok) continue;
            try { return (Distribution)Targets.BySignature[Targets.Signature(c)].Call(null, values)!; }
            catch (Exception e) when (Verdict(e) is null) { }
        }
        return null;
    }

    private static string Describe(Target target, object? receiver, object?[] values) =>
        $"{target.Signature} on {(receiver is Distribution d ? d.GetType().Name : ArgumentFactory.Describe(receiver))} with ({string.Join(", ", values.Select(ArgumentFactory.Describe))})";

    /// <summary>Why an exception breaks the contract, or null when it is a documented refusal.</summary>
    public static string? Verdict(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
        var top = frames.FirstOrDefault()?.GetMethod()?.DeclaringType;
        var nabla = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == typeof(Tensor).Assembly);
        string where = nabla is null ? "outside Nabla" : $"{nabla.GetMethod()!.DeclaringType!.Name}.{nabla.GetMethod()!.Name} ({Path.GetFileName(nabla.GetFileName())}:{nabla.GetFileLineNumber()})";
        bool inKernel = nabla?.GetFileName() is { } file && file.Replace('\\', '/').Contains("/Kernels/");
        bool fromBcl = top is not null && (top.FullName == "System.ThrowHelper" || top.Assembly.GetName().Name == "System.Numerics.Tensors");
        return e switch
        {
            DivideByZeroException => null,
            // Dispatch's explicit refusal of a DType value outside the enum: a check, if a late one.
            ArgumentOutOfRangeException { ParamName: "dtype" } when top == typeof(Dispatch) => null,
            NullReferenceException or InvalidCastException or OverflowException or OutOfMemoryException or AccessViolationException or ArrayTypeMismatchException
                => $"forbidden {e.GetType().Name} at {where}",
            IndexOutOfRangeException when e.Message == new IndexOutOfRangeException().Message => $"array access out of bounds at {where}",
            ArgumentException or IndexOutOfRangeException when inKernel => $"{e.GetType().Name} raised inside a kernel at {where}",
            ArgumentException or IndexOutOfRangeException when fromBcl => $"{e.GetType().Name} raised by the BCL ({top!.Name}) under {where}",
            ArgumentException or IndexOutOfRangeException or InvalidOperationException or NotSupportedException => null,
            _ => $"undocumented {e.GetType().Name} at {where}",
        };
    }
}
