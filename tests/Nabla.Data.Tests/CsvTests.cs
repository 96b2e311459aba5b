using Microsoft.Data.Analysis;
using Nabla.Data;

namespace Nabla.Data.Tests;

/// <summary>Parsing rules (quoting, types, missing values) and malformed files.</summary>
public class CsvTests
{
    [Fact]
    public void MoreFieldsThanTheHeader_NamesTheLine()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("Expected 3 fields in line 3, saw 4", e.Message);
    }

    [Fact]
    public void FewerFieldsInTheMiddle_IsAnError()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b,c\n1,2,3\n4,5\n8,9,10\n"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("saw 2", e.Message);
        Assert.DoesNotContain("truncated", e.Message);
    }

    [Fact]
    public void TruncatedLastLine_SaysSo()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b,c\n1,2,3\n4,5"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void UnclosedQuote_NamesTheLineItStartsOn()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,x\n2,\"never closed\n3,y\n"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void TextAfterAClosingQuote_IsAnError()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,\"x\"y\n"));
        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public void ReadingAFile_PutsThePathInTheMessage()
    {
        string folder = Directory.CreateTempSubdirectory("nabla-data-").FullName;
        try
        {
            string path = Path.Combine(folder, "bad.csv");
            File.WriteAllText(path, "a,b\n1,2\n3\n");
            var e = Assert.Throws<CsvFormatException>(() => Csv.Read(path));
            Assert.StartsWith(path + ": ", e.Message);
            Assert.Equal(3, e.LineNumber);
            Assert.Throws<FileNotFoundException>(() => Csv.Read(Path.Combine(folder, "missing.csv")));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void EmptyText_IsAnError()
    {
        Assert.Throws<CsvFormatException>(() => Csv.Parse(""));
        Assert.Throws<CsvFormatException>(() => Csv.Parse("\n\r\n\n"));
    }

    [Fact]
    public void QuotedFields_HoldSeparatorsQuotesAndLineBreaks()
    {
        var frame = Csv.Parse("name,note\n\"Smith, J.\",\"said \"\"hi\"\"\"\n\"multi\nline\",\"\"\nplain,\"NA\"\n");
        var name = Assert.IsType<StringDataFrameColumn>(frame.Columns["name"]);
        var note = Assert.IsType<StringDataFrameColumn>(frame.Columns["note"]);
        Assert.Equal(["Smith, J.", "multi\nline", "plain"], name);
        Assert.Equal(["said \"hi\"", null, null], note);  // "" and "NA" are missing, quoted or not (as pandas)
    }

    [Fact]
    public void LineNumbers_CountLineBreaksInsideQuotes()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n\"1\n2\n3\",x\n4,y,z\n"));
        Assert.Equal(5, e.LineNumber);
    }

    [Fact]
    public void CrLf_Bom_BlankLines_AndNoFinalNewline()
    {
        var frame = Csv.Parse("\uFEFFa,b\r\n1,2\r\n\r\n3,4");
        Assert.Equal(["a", "b"], frame.Columns.Select(c => c.Name));
        Assert.Equal([1L, 3L], (Int64DataFrameColumn)frame.Columns["a"]);
        Assert.Equal([2L, 4L], (Int64DataFrameColumn)frame.Columns["b"]);
    }

    [Fact]
    public void Types_AreInferredAsPandasDoes()
    {
        var frame = Csv.Parse("i,f,n,b,s,none,mixed\n1,1.5,1,True,x,NA,1\n-2,2e3,NA,false,y,,a\n3,inf,3,TRUE,NA,NA,2.5\n");
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["i"]);
        Assert.Equal([1.5, 2000, double.PositiveInfinity], Assert.IsType<DoubleDataFrameColumn>(frame.Columns["f"]));
        Assert.Equal([1.0, null, 3.0], Assert.IsType<DoubleDataFrameColumn>(frame.Columns["n"]));  // ints with NA: float64
        Assert.Equal([true, false, true], Assert.IsType<BooleanDataFrameColumn>(frame.Columns["b"]));
        Assert.Equal(["x", "y", null], Assert.IsType<StringDataFrameColumn>(frame.Columns["s"]));
        var none = Assert.IsType<DoubleDataFrameColumn>(frame.Columns["none"]);                      // all missing: float64
        Assert.Equal(3, none.NullCount);
        Assert.Equal(["1", "a", "2.5"], Assert.IsType<StringDataFrameColumn>(frame.Columns["mixed"]));
    }

    [Fact]
    public void HeaderNames_AreMadeUniqueAndNonEmpty()
    {
        var frame = Csv.Parse("a,,a,a\n1,2,3,4\n");
        Assert.Equal(["a", "Unnamed: 1", "a.1", "a.2"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void HeaderOnly_GivesEmptyColumns()
    {
        var frame = Csv.Parse("a,b\n");
        Assert.Equal(2, frame.Columns.Count);
        Assert.Equal(0, frame.Rows.Count);
        Assert.Equal("[0, 2]", frame.ToTensor().Shape.ToString());
    }

    [Fact]
    public void Options_SeparatorAndMissingValues()
    {
        var options = new CsvOptions { Separator = ';', MissingValues = new HashSet<string> { "" } };
        var frame = Csv.Parse("x;y\n1,5;NA\n;b\n", options);
        Assert.Equal(["1,5", null], Assert.IsType<StringDataFrameColumn>(frame.Columns["x"]));  // the invariant culture has no decimal comma
        Assert.Equal(["NA", "b"], Assert.IsType<StringDataFrameColumn>(frame.Columns["y"]));   // NA is a value here
        Assert.Throws<ArgumentException>(() => Csv.Parse("a\n1\n", new CsvOptions { Separator = '"' }));
    }

    [Fact]
    public void TrailingSeparator_MakesAnEmptyLastField()
    {
        var frame = Csv.Parse("a,b,c\n1,2,\n");
        Assert.Equal(1, frame.Columns["c"].NullCount);
    }
}
