using Microsoft.Data.Analysis;
using Nabla.Data;

namespace Nabla.Data.Tests;

/// <summary>
/// d2l section 2.2 end to end on the chapter's house_tiny.csv. The expected values are the book's
/// printed output, which is pandas 2 and PyTorch's:
/// <code>
///    NumRooms RoofType   Price          NumRooms  RoofType_Slate  RoofType_nan
/// 0       NaN      NaN  127500       0       3.0           False          True
/// 1       2.0      NaN  106000       1       2.0           False          True
/// 2       4.0    Slate  178100       2       4.0            True         False
/// 3       NaN      NaN  140000       3       3.0           False          True
/// </code>
/// </summary>
public class HouseTinyTests : IDisposable
{
    /// <summary>Exactly what the book writes: os.makedirs(..); f.write('''NumRooms,RoofType,Price\nNA,NA,127500...''').</summary>
    internal const string HouseTiny = "NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\nNA,NA,140000\n";

    private readonly string folder = Directory.CreateTempSubdirectory("nabla-data-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private DataFrame Load()
    {
        string path = Path.Combine(folder, "house_tiny.csv");
        File.WriteAllText(path, HouseTiny);
        return Csv.Read(path);
    }

    [Fact]
    public void ReadCsv_GivesPandasTypesAndMissingValues()
    {
        var data = Load();
        Assert.Equal(["NumRooms", "RoofType", "Price"], data.Columns.Select(c => c.Name));
        Assert.Equal(4, data.Rows.Count);
        // pandas: NumRooms float64 (NaN forces float), RoofType object, Price int64.
        var rooms = Assert.IsType<DoubleDataFrameColumn>(data.Columns["NumRooms"]);
        Assert.Equal([null, 2.0, 4.0, null], rooms);
        var roof = Assert.IsType<StringDataFrameColumn>(data.Columns["RoofType"]);
        Assert.Equal([null, null, "Slate", null], roof);
        var price = Assert.IsType<Int64DataFrameColumn>(data.Columns["Price"]);
        Assert.Equal([127500L, 106000L, 178100L, 140000L], price);
    }

    [Fact]
    public void WholeSection_MatchesTheBook()
    {
        var data = Load();

        // inputs, targets = data.iloc[:, 0:2], data.iloc[:, 2]
        var inputs = data.SelectColumns(0..2);
        var targets = data.Columns[2];
        Assert.Equal(["NumRooms", "RoofType"], inputs.Columns.Select(c => c.Name));

        // inputs = pd.get_dummies(inputs, dummy_na=True)
        inputs = inputs.GetDummies(dummyNa: true);
        Assert.Equal(["NumRooms", "RoofType_Slate", "RoofType_nan"], inputs.Columns.Select(c => c.Name));
        Assert.Equal([null, 2.0, 4.0, null], (DoubleDataFrameColumn)inputs.Columns["NumRooms"]);
        Assert.Equal([false, false, true, false], Assert.IsType<BooleanDataFrameColumn>(inputs.Columns["RoofType_Slate"]));
        Assert.Equal([true, true, false, true], Assert.IsType<BooleanDataFrameColumn>(inputs.Columns["RoofType_nan"]));

        // inputs = inputs.fillna(inputs.mean())
        inputs = inputs.FillNaWithMean();
        Assert.Equal([3.0, 2.0, 4.0, 3.0], (DoubleDataFrameColumn)inputs.Columns["NumRooms"]);
        Assert.Equal([false, false, true, false], (BooleanDataFrameColumn)inputs.Columns["RoofType_Slate"]);
        Assert.Equal([true, true, false, true], (BooleanDataFrameColumn)inputs.Columns["RoofType_nan"]);

        // X = torch.tensor(inputs.to_numpy(dtype=float)); y = torch.tensor(targets.to_numpy(dtype=float))
        Tensor X = inputs.ToTensor(DType.Float64), y = targets.ToTensor(DType.Float64);
        Assert.Equal(DType.Float64, X.DType);
        Assert.Equal("[4, 3]", X.Shape.ToString());
        Assert.Equal([3.0, 0, 1, 2, 0, 1, 4, 1, 0, 3, 0, 1], X.ToArray<double>());
        Assert.Equal([127500.0, 106000, 178100, 140000], y.ToArray<double>());

        // The book's printout of (X, y).
        Assert.Equal(
            "tensor([[3., 0., 1.],\n        [2., 0., 1.],\n        [4., 1., 0.],\n        [3., 0., 1.]], dtype=torch.float64)",
            X.ToString());
        Assert.Equal("tensor([127500., 106000., 178100., 140000.], dtype=torch.float64)", y.ToString());
    }

    [Fact]
    public void EachStep_LeavesItsInputUnchanged()
    {
        var data = Load();
        var inputs = data.SelectColumns(0..2);
        var encoded = inputs.GetDummies(dummyNa: true);
        _ = encoded.FillNaWithMean();
        Assert.Equal(2, data.Columns["NumRooms"].NullCount);
        Assert.Equal(2, inputs.Columns["NumRooms"].NullCount);
        Assert.Equal(2, encoded.Columns["NumRooms"].NullCount);
        Assert.Equal(2, inputs.Columns.Count);

        // SelectColumns copies: writing to the selection does not reach the source.
        inputs.Columns["NumRooms"][1] = 99.0;
        Assert.Equal(2.0, data.Columns["NumRooms"][1]);
    }

    [Fact]
    public void TensorBackToFrame_RoundTrips()
    {
        var inputs = Load().SelectColumns(0..2).GetDummies(dummyNa: true).FillNaWithMean();
        Tensor X = inputs.ToTensor();
        var back = X.ToDataFrame(inputs.Columns.Select(c => c.Name).ToList());
        Assert.Equal(inputs.Columns.Select(c => c.Name), back.Columns.Select(c => c.Name));
        Assert.All(back.Columns, c => Assert.IsType<DoubleDataFrameColumn>(c));
        Assert.Equal([3.0, 2.0, 4.0, 3.0], (DoubleDataFrameColumn)back.Columns[0]);
        Assert.Equal([0.0, 0.0, 1.0, 0.0], (DoubleDataFrameColumn)back.Columns[1]);
        Assert.Equal(X.ToArray<double>(), back.ToTensor().ToArray<double>());
    }

    [Fact]
    public void ParseAndReader_GiveTheSameFrameAsTheFile()
    {
        var fromFile = Load();
        var fromString = Csv.Parse(HouseTiny);
        var fromReader = Csv.Read(new StringReader(HouseTiny));
        foreach (var frame in new[] { fromString, fromReader })
        {
            Assert.Equal(fromFile.Columns.Select(c => (c.Name, c.DataType)), frame.Columns.Select(c => (c.Name, c.DataType)));
            for (int c = 0; c < 3; c++)
                for (long r = 0; r < 4; r++)
                    Assert.Equal(fromFile[r, c], frame[r, c]);
        }
    }
}
