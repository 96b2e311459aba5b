using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using Nabla.Data;

namespace Nabla.Data.Tests;

/// <summary>
/// A generated 100 000-row house table written to a temporary folder, loaded, encoded, filled and
/// converted; expected values come from the generator, not from the code under test.
/// </summary>
public class LargeCsvTests(GeneratedHouses houses) : IClassFixture<GeneratedHouses>, IDisposable
{
    private const int Rows = GeneratedHouses.Rows;
    private readonly string folder = Directory.CreateTempSubdirectory("nabla-data-").FullName;
    private readonly double?[] area = houses.Area;
    private readonly int?[] rooms = houses.RoomCounts;
    private readonly string?[] roof = houses.Roof;
    private readonly bool[] heated = houses.Heated;
    private readonly long[] price = houses.Price;
    private readonly string text = houses.Text;
    private static readonly string[] Roofs = GeneratedHouses.Roofs;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string content)
    {
        string path = Path.Combine(folder, "houses.csv");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void LoadEncodeFillConvert()
    {
        var data = Csv.Read(Write(text));
        Assert.Equal(Rows, data.Rows.Count);
        Assert.IsType<Int64DataFrameColumn>(data.Columns["Id"]);
        Assert.Equal(area.Count(a => a is null), Assert.IsType<DoubleDataFrameColumn>(data.Columns["Area"]).NullCount);
        Assert.Equal(rooms.Count(r => r is null), Assert.IsType<DoubleDataFrameColumn>(data.Columns["Rooms"]).NullCount);
        Assert.Equal(roof.Count(r => r is null), Assert.IsType<StringDataFrameColumn>(data.Columns["Roof"]).NullCount);
        Assert.IsType<BooleanDataFrameColumn>(data.Columns["Heated"]);
        Assert.Equal(price, Assert.IsType<Int64DataFrameColumn>(data.Columns["Price"]).Select(p => p!.Value));

        var inputs = data.SelectColumns(1..5).GetDummies(dummyNa: true).FillNaWithMean();
        Assert.Equal(["Area", "Rooms", "Heated", "Roof_Metal", "Roof_Shingle", "Roof_Slate", "Roof_Tile", "Roof_nan"],
                     inputs.Columns.Select(c => c.Name));
        Tensor X = inputs.ToTensor(), y = data.Columns["Price"].ToTensor();
        Assert.Equal("[100000, 8]", X.Shape.ToString());
        Assert.Equal(price.Select(p => (double)p), y.ToArray<double>());

        double areaMean = area.Where(a => a is not null).Average(a => a!.Value);
        double roomsMean = rooms.Where(r => r is not null).Average(r => (double)r!.Value);
        double[] flat = X.ToArray<double>();
        string[] sortedRoofs = [.. Roofs.Order(StringComparer.Ordinal)];
        for (int i = 0; i < Rows; i++)
        {
            var row = flat.AsSpan(i * 8, 8);
            Assert.Equal(area[i] ?? areaMean, row[0], 1e-9);
            Assert.Equal(rooms[i] ?? roomsMean, row[1], 1e-9);
            Assert.Equal(heated[i] ? 1.0 : 0.0, row[2]);
            for (int k = 0; k < 4; k++) Assert.Equal(roof[i] == sortedRoofs[k] ? 1.0 : 0.0, row[3 + k]);
            Assert.Equal(roof[i] is null ? 1.0 : 0.0, row[7]);
        }
        // Every row has exactly one roof indicator set.
        Assert.True((bool)(X[.., 3..].Sum(dim: 1) == 1.0).All());
    }

    [Fact]
    public void RaggedRowDeepInTheFile_NamesItsLine()
    {
        // Row 49 999 (0-based) sits on line 50 001: the header is line 1.
        var lines = text.Split('\n');
        lines[50_000] += ",extra";
        var e = Assert.Throws<CsvFormatException>(() => Csv.Read(Write(string.Join('\n', lines))));
        Assert.Equal(50_001, e.LineNumber);
        Assert.Contains("Expected 6 fields in line 50001, saw 7", e.Message);
    }

    [Fact]
    public void TruncatedFile_LoadsNothing()
    {
        string cut = text[..(text.Length / 2)];
        cut = cut[..(cut.LastIndexOf(',') + 1)] + "12";  // the last row stops after a few fields
        var e = Assert.Throws<CsvFormatException>(() => Csv.Read(Write(cut)));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void NonNumericPrice_NamesRowAndColumnOnConversion()
    {
        var lines = text.Split('\n');
        lines[77_778] = lines[77_778][..(lines[77_778].LastIndexOf(',') + 1)] + "n/a?";
        var data = Csv.Parse(string.Join('\n', lines));
        Assert.IsType<StringDataFrameColumn>(data.Columns["Price"]);
        var e = Assert.Throws<FormatException>(() => data.Columns["Price"].ToTensor());
        Assert.Contains("row 77777, column 'Price'", e.Message);
    }
}

/// <summary>The generated table, made once for all of <see cref="LargeCsvTests"/>: the values and their CSV text.</summary>
public sealed class GeneratedHouses
{
    public const int Rows = 100_000;
    public static readonly string[] Roofs = ["Slate", "Tile", "Metal", "Shingle"];

    public double?[] Area { get; } = new double?[Rows];
    public int?[] RoomCounts { get; } = new int?[Rows];
    public string?[] Roof { get; } = new string?[Rows];
    public bool[] Heated { get; } = new bool[Rows];
    public long[] Price { get; } = new long[Rows];
    public string Text { get; }

    public GeneratedHouses()
    {
        var rng = new Random(2024);
        var sb = new StringBuilder("Id,Area,Rooms,Roof,Heated,Price\n");
        for (int i = 0; i < Rows; i++)
        {
            Area[i] = rng.NextDouble() < 0.05 ? null : Math.Round(30 + rng.NextDouble() * 270, 1);
            RoomCounts[i] = rng.NextDouble() < 0.03 ? null : rng.Next(1, 7);
            Roof[i] = rng.NextDouble() < 0.04 ? null : Roofs[rng.Next(Roofs.Length)];
            Heated[i] = rng.Next(2) == 1;
            Price[i] = rng.Next(50_000, 900_000);
            sb.Append(CultureInfo.InvariantCulture,
                $"{i},{Area[i]?.ToString("R", CultureInfo.InvariantCulture) ?? "NA"},{RoomCounts[i]?.ToString(CultureInfo.InvariantCulture) ?? ""},{Roof[i] ?? "NA"},{(Heated[i] ? "True" : "False")},{Price[i]}\n");
        }
        Text = sb.ToString();
    }
}
