using System.Globalization;
using System.Text;
using Nabla.Data;

namespace Nabla.Bench;

/// <summary>
/// Nabla.Data on a generated 100 000-row house table (the shape of d2l's house_tiny: a numeric
/// column with gaps, a category with gaps, a boolean, a price), beside the hand-written limit:
/// <c>File.ReadAllLines</c>, <c>string.Split</c> and <c>double.Parse</c> with the schema known in
/// advance (no type inference, no frame, no quoting rules). Both read the file from disk on every
/// op (the OS page cache keeps it in memory).
/// </summary>
[CaseTable(60)]
internal static class DataCases
{
    private const int Rows = 100_000;
    private static readonly string[] Roofs = ["Metal", "Shingle", "Slate", "Tile"];  // ordinal order, as GetDummies sorts

    public static readonly Case[] Cases =
    [
        new("data", "Csv.Read 100k rows", Work.Elements(Rows), () =>
        {
            string path = WriteTable();
            return new(() => Csv.Read(path), new Impl("ReadAllLines + Split + double.Parse", () => Baseline(path, encode: false)));
        }),

        new("data", "load+encode+fill+ToTensor 100k", Work.Elements(Rows), () =>
        {
            string path = WriteTable();
            return new CaseBody(
                new Impl("Nabla", () => Pipeline(path)),
                [new Impl("ReadAllLines + Split + double.Parse", () => Baseline(path, encode: true))],
                Check: () =>
                {
                    double[] nabla = Pipeline(path).ToArray<double>(), raw = Baseline(path, encode: true);
                    if (nabla.Length != raw.Length) throw new InvalidOperationException($"Nabla gives {nabla.Length} values, the baseline {raw.Length}");
                    for (int i = 0; i < raw.Length; i++)
                        if (Math.Abs(nabla[i] - raw[i]) > 1e-9 * Math.Max(1, Math.Abs(raw[i])))
                            throw new InvalidOperationException($"value {i} differs: Nabla {nabla[i]}, baseline {raw[i]}");
                });
        }),
    ];

    /// <summary>d2l's preprocessing: read, take the inputs, one-hot the roof with a missing column, fill gaps with means, to Float64.</summary>
    private static Tensor Pipeline(string path) =>
        Csv.Read(path).SelectColumns(1..5).GetDummies(dummyNa: true).FillNaWithMean().ToTensor();

    /// <summary>
    /// The same by hand: columns Area, Rooms, Heated, Roof_Metal, Roof_Shingle, Roof_Slate, Roof_Tile, Roof_nan
    /// (or, without <paramref name="encode"/>, just the parsed Area, Rooms and Price, NaN for missing).
    /// </summary>
    private static double[] Baseline(string path, bool encode)
    {
        string[] lines = File.ReadAllLines(path);
        int n = lines.Length - 1, width = encode ? 8 : 3;
        var x = new double[n * width];
        double areaSum = 0, roomsSum = 0;
        int areaCount = 0, roomsCount = 0;
        for (int r = 0; r < n; r++)
        {
            string[] f = lines[r + 1].Split(',');
            double area = f[1] is "NA" or "" ? double.NaN : double.Parse(f[1], CultureInfo.InvariantCulture);
            double rooms = f[2] is "NA" or "" ? double.NaN : double.Parse(f[2], CultureInfo.InvariantCulture);
            var row = x.AsSpan(r * width, width);
            row[0] = area;
            row[1] = rooms;
            if (!encode)
            {
                row[2] = double.Parse(f[5], CultureInfo.InvariantCulture);
                continue;
            }
            if (!double.IsNaN(area)) { areaSum += area; areaCount++; }
            if (!double.IsNaN(rooms)) { roomsSum += rooms; roomsCount++; }
            row[2] = f[4] == "True" ? 1 : 0;
            int roof = f[3] is "NA" or "" ? 4 : Array.IndexOf(Roofs, f[3]);
            row[3 + roof] = 1;
        }
        if (encode)
        {
            double areaMean = areaSum / areaCount, roomsMean = roomsSum / roomsCount;
            for (int r = 0; r < n; r++)
            {
                if (double.IsNaN(x[r * width])) x[r * width] = areaMean;
                if (double.IsNaN(x[r * width + 1])) x[r * width + 1] = roomsMean;
            }
        }
        return x;
    }

    /// <summary>Writes the table (seeded, so every run reads the same file) to the temp folder once per process.</summary>
    private static string WriteTable()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-bench-houses-{Environment.ProcessId}.csv");
        if (File.Exists(path)) return path;
        var rng = new Random(2024);
        var sb = new StringBuilder("Id,Area,Rooms,Roof,Heated,Price\n");
        for (int i = 0; i < Rows; i++)
        {
            string area = rng.NextDouble() < 0.05 ? "NA" : Math.Round(30 + rng.NextDouble() * 270, 1).ToString("R", CultureInfo.InvariantCulture);
            string rooms = rng.NextDouble() < 0.03 ? "" : rng.Next(1, 7).ToString(CultureInfo.InvariantCulture);
            string roof = rng.NextDouble() < 0.04 ? "NA" : Roofs[rng.Next(Roofs.Length)];
            sb.Append(CultureInfo.InvariantCulture, $"{i},{area},{rooms},{roof},{(rng.Next(2) == 1 ? "True" : "False")},{rng.Next(50_000, 900_000)}\n");
        }
        File.WriteAllText(path, sb.ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
