using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nabla;
using Nabla.Bench;

// dotnet run -c Release --project bench/Nabla.Bench -- [FILTER...] [options]; --help lists the options.
Console.OutputEncoding = System.Text.Encoding.UTF8;

const string Usage = """
    usage: dotnet run -c Release --project bench/Nabla.Bench -- [FILTER...] [options]
      FILTER          run only cases whose "group/name" contains it (case-insensitive); several = any
      --list          list the cases (after filtering) and exit
      --md            also print the results as a Markdown table at the end
      --verbose       also print every timed run (ns/op and repetitions) under each case
      --rounds N      timed runs per implementation, median reported (default 7)
      --target-ms MS  wall time aimed at per timed run (default 120)
      --quick         a rough look: 3 runs of ~40 ms (same as --rounds 3 --target-ms 40)
      --chart DIR     after the run, write DIR/performance-gbs.png and DIR/performance-gflops.png:
                      Nabla's GB/s or GFLOP/s beside the limit (the case's fastest baseline) per case
    """;

var filters = new List<string>();
bool list = false, markdown = false, verbose = false;
string? chartFolder = null;
var options = new HarnessOptions();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--list": list = true; break;
        case "--md": markdown = true; break;
        case "--verbose": verbose = true; break;
        case "--quick": options = options with { Rounds = 3, TargetMs = 40 }; break;
        case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out int rounds) && rounds > 0:
            options = options with { Rounds = rounds };
            i++;
            break;
        case "--target-ms" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out double ms) && ms > 0:
            options = options with { TargetMs = ms };
            i++;
            break;
        case "--chart" when i + 1 < args.Length && !args[i + 1].StartsWith('-'):
            chartFolder = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'\n{Usage}");
                return 2;
            }
            filters.Add(args[i]);
            break;
    }
}

var cases = AllCases()
    .Where(c => filters.Count == 0 || filters.Any(f => c.FullName.Contains(f, StringComparison.OrdinalIgnoreCase)))
    .ToList();

if (list)
{
    foreach (var c in cases) Console.WriteLine($"{c.FullName,-40} {Report.FormatWork(c.Work)}");
    return 0;
}
if (cases.Count == 0)
{
    Console.Error.WriteLine($"no case matches {string.Join(" or ", filters.Select(f => $"'{f}'"))}; --list shows them.");
    return 1;
}

PrintMachine();
Console.WriteLine($"{cases.Count} case(s); median of {options.Rounds} runs of ~{options.TargetMs} ms each; " +
                  "baseline = the same work on plain arrays, timed in the same rounds; Nabla÷b = Nabla's time ÷ the baseline's (median of per-round ratios).");
Console.WriteLine();

int caseWidth = Math.Max(24, cases.Max(c => c.FullName.Length));
Report.PrintHeader(Console.Out, caseWidth);
var results = new List<CaseResult>();
var total = Stopwatch.StartNew();
foreach (var c in cases)
{
    var result = Harness.Run(c, options);
    Harness.Release();
    results.Add(result);
    Report.PrintCase(Console.Out, result, caseWidth);
    if (verbose) Report.PrintRuns(Console.Out, result);
}
Console.WriteLine();
// The process's peak: run one case alone (e.g. the filter "one SGD step, 1 core") to read that case's footprint.
Console.WriteLine($"total {total.Elapsed.TotalSeconds:0.0} s; peak working set of this process {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
if (markdown)
{
    Console.WriteLine();
    Console.Write(Report.Markdown(results));
}
if (chartFolder is not null)
{
    var charts = Chart.Write(chartFolder, results);
    Console.WriteLine();
    Console.WriteLine(charts.Count == 0 ? "no chart: no case measured in bytes or flops ran" : $"charts: {string.Join(", ", charts)}");
}
return results.Any(r => r.Nabla is null) ? 1 : 0;

// Every [CaseTable] class's static Cases array, in table order.
static IEnumerable<Case> AllCases() =>
    typeof(Case).Assembly.GetTypes()
        .Select(t => (Type: t, Table: t.GetCustomAttribute<CaseTableAttribute>()))
        .Where(x => x.Table is not null)
        .OrderBy(x => x.Table!.Order).ThenBy(x => x.Type.Name, StringComparer.Ordinal)
        .SelectMany(x => x.Type.GetField("Cases", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as Case[]
                         ?? throw new InvalidOperationException($"{x.Type.Name} has [CaseTable] but no static Case[] Cases field"));

static void PrintMachine()
{
    Console.WriteLine("Nabla benchmarks");
    Console.WriteLine($"  date       {DateTime.Now:yyyy-MM-dd HH:mm zzz}");
    Console.WriteLine($"  cpu        {CpuModel()}; Environment.ProcessorCount = {Environment.ProcessorCount}");
    Console.WriteLine($"  os         {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
    Console.WriteLine($"  runtime    {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture} process");
    Console.WriteLine($"  simd       Vector512.IsHardwareAccelerated = {Vector512.IsHardwareAccelerated}, Vector256 = {Vector256.IsHardwareAccelerated}");
    if (LoadAverage() is { } load)
        Console.WriteLine($"  load       {load} (1/5/15-min load averages at start; other processes add noise)");
    Console.WriteLine($"  gc         {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
    string[] knobs = ["TieredCompilation", "TieredPGO", "TC_QuickJitForLoops", "ReadyToRun", "gcServer", "gcConcurrent", "GCgen0size",
                      "GCRetainVM", "GCHeapHardLimit", "EnableAVX512F", "EnableHWIntrinsic", "PreferredVectorBitWidth"];
    var set = knobs.Select(k => (Name: "DOTNET_" + k, Value: Environment.GetEnvironmentVariable("DOTNET_" + k)))
                   .Where(k => k.Value is not null).Select(k => $"{k.Name}={k.Value}").ToList();
    Console.WriteLine($"  knobs      {(set.Count == 0 ? "none (runtime defaults)" : string.Join(" ", set))}");
    foreach (var assembly in new[] { typeof(Case).Assembly, typeof(Tensor).Assembly })
        if (assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            Console.WriteLine($"  WARNING    {assembly.GetName().Name} is a Debug build: run with -c Release.");
    Console.WriteLine();
}

static string? LoadAverage()
{
    try
    {
        return File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : null;
    }
    catch (IOException) { return null; }
    catch (UnauthorizedAccessException) { return null; }
}

static string CpuModel()
{
    try
    {
        if (File.Exists("/proc/cpuinfo"))
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
    }
    catch (IOException) { }
    catch (UnauthorizedAccessException) { }
    return "unknown";
}
