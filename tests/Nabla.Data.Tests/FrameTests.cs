using Microsoft.Data.Analysis;
using Nabla.Data;

namespace Nabla.Data.Tests;

/// <summary>Column selection, one-hot encoding, mean filling, and conversion to and from tensors.</summary>
public class FrameTests
{
    [Fact]
    public void NonNumericCell_NamesRowAndColumn()
    {
        var frame = Csv.Parse("a,b\n1,2\n3,x\n");
        var e = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains("'x'", e.Message);
        Assert.Contains("row 1", e.Message);
        Assert.Contains("column 'b'", e.Message);
        Assert.Throws<FormatException>(() => frame.Columns["b"].ToTensor());
    }

    [Fact]
    public void NumericText_Converts_AndMissingBecomesNaN()
    {
        var frame = new DataFrame(new StringDataFrameColumn("s", ["1.5", null, "NA", "-2e1"]));
        Assert.Equal([1.5, double.NaN, double.NaN, -20], frame.ToTensor().ToArray<double>());
    }

    [Fact]
    public void IntegerDType_RejectsMissingValues_NamingTheCell()
    {
        var frame = Csv.Parse("a,b\n1,2\n3,NA\n");
        var e = Assert.Throws<FormatException>(() => frame.ToTensor(DType.Int64));
        Assert.Contains("row 1, column 'b'", e.Message);
        Assert.Contains("missing", e.Message);
        Assert.Equal([1L, 2, 3, 2], frame.FillNaWithMean().ToTensor(DType.Int64).ToArray<long>());
    }

    [Fact]
    public void DTypes_AndExactInt64()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("big", [(1L << 53) + 1, -7]),
            new BooleanDataFrameColumn("flag", [true, false]),
            new SingleDataFrameColumn("f", [2.75f, -1.5f]));
        Assert.Equal([(1L << 53) + 1, 1, 2, -7, 0, -1], frame.ToTensor(DType.Int64).ToArray<long>());  // 2.75 truncates as torch's .long()
        var f32 = frame.ToTensor(DType.Float32);
        Assert.Equal(DType.Float32, f32.DType);
        Assert.Equal([true, true, true, true, false, true], frame.ToTensor(DType.Bool).ToArray<bool>());
        Assert.Equal([1.0, 0.0], frame.Columns["flag"].ToTensor().ToArray<double>());
    }

    [Fact]
    public void UnsupportedColumnType_IsAnArgumentError()
    {
        var frame = new DataFrame(new DateTimeDataFrameColumn("when", [DateTime.UnixEpoch]));
        var e = Assert.Throws<ArgumentException>(() => frame.ToTensor());
        Assert.Contains("'when'", e.Message);
    }

    [Fact]
    public void ToDataFrame_MapsDTypesAndChecksShapes()
    {
        var frame = Tensor.From(new long[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }).ToDataFrame();
        Assert.Equal(["0", "1"], frame.Columns.Select(c => c.Name));
        Assert.Equal([2L, 4L, 6L], Assert.IsType<Int64DataFrameColumn>(frame.Columns[1]));
        var bools = Tensor.From(new[] { true, false }).ToDataFrame(["b"]);
        Assert.Equal([true, false], Assert.IsType<BooleanDataFrameColumn>(bools.Columns["b"]));
        Assert.IsType<SingleDataFrameColumn>(Tensor.From(new[] { 1f }).ToColumn("x"));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2, 2).ToDataFrame());
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).ToDataFrame(["a", "b"]));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).ToColumn("x"));

        // A strided view converts by its logical layout.
        var t = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } }).T;
        Assert.Equal([1.0, 2.0], (DoubleDataFrameColumn)t.ToDataFrame().Columns[0]);
    }

    [Fact]
    public void SelectColumns_ByRangeAndName()
    {
        var frame = Csv.Parse(HouseTinyTests.HouseTiny);
        Assert.Equal(["Price"], frame.SelectColumns(^1..).Columns.Select(c => c.Name));
        Assert.Equal(["Price", "NumRooms"], frame.SelectColumns("Price", "NumRooms").Columns.Select(c => c.Name));
        var e = Assert.Throws<ArgumentException>(() => frame.SelectColumns("Area"));
        Assert.Contains("'NumRooms', 'RoofType', 'Price'", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.SelectColumns(1..5));
    }

    [Fact]
    public void GetDummies_SortsCategories_KeepsOtherColumnsFirst()
    {
        var frame = Csv.Parse("color,n,size\nred,1,S\nBlue,2,NA\nred,3,L\ngreen,4,S\n");
        var d = frame.GetDummies();
        Assert.Equal(["n", "color_Blue", "color_green", "color_red", "size_L", "size_S"], d.Columns.Select(c => c.Name));
        Assert.Equal([false, false, false, true], (BooleanDataFrameColumn)d.Columns["color_green"]);
        Assert.Equal([true, false, false, true], (BooleanDataFrameColumn)d.Columns["size_S"]);
        var withNa = frame.GetDummies(dummyNa: true, prefixSeparator: ":");
        Assert.Equal([false, false, false, false], (BooleanDataFrameColumn)withNa.Columns["color:nan"]);  // added even when nothing is missing
        Assert.Equal([false, true, false, false], (BooleanDataFrameColumn)withNa.Columns["size:nan"]);
    }

    [Fact]
    public void GetDummies_OfANamedNumericColumn_WritesValuesAsPython()
    {
        var frame = Csv.Parse(HouseTinyTests.HouseTiny);
        var d = frame.GetDummies(columns: ["NumRooms"]);
        Assert.Equal(["RoofType", "Price", "NumRooms_2.0", "NumRooms_4.0"], d.Columns.Select(c => c.Name));
        var both = frame.GetDummies(columns: ["RoofType", "NumRooms"]);  // indicators follow the order asked for
        Assert.Equal(["Price", "RoofType_Slate", "NumRooms_2.0", "NumRooms_4.0"], both.Columns.Select(c => c.Name));
    }

    [Fact]
    public void FillNaWithMean_FillsNullsAndNaN_LeavesTextAlone()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("d", [1.0, null, double.NaN, 5.0]),
            new Int32DataFrameColumn("i", [1, null, 2, null]),
            new SingleDataFrameColumn("f", [null, 1f, 2f, null]),
            new StringDataFrameColumn("s", ["a", null, "b", null]),
            new DoubleDataFrameColumn("empty", [null, null, null, null]),
            new Int64DataFrameColumn("full", [1, 2, 3, 4]));
        var filled = frame.FillNaWithMean();
        Assert.Equal([1.0, 3.0, 3.0, 5.0], (DoubleDataFrameColumn)filled.Columns["d"]);
        Assert.Equal([1.0, 1.5, 2.0, 1.5], Assert.IsType<DoubleDataFrameColumn>(filled.Columns["i"]));  // integers with gaps become doubles
        Assert.Equal([1.5f, 1f, 2f, 1.5f], Assert.IsType<SingleDataFrameColumn>(filled.Columns["f"]));
        Assert.Equal(2, filled.Columns["s"].NullCount);
        Assert.Equal(4, filled.Columns["empty"].NullCount);
        Assert.IsType<Int64DataFrameColumn>(filled.Columns["full"]);
        Assert.Equal(1, frame.Columns["d"].NullCount);  // the input is unchanged
    }
}
