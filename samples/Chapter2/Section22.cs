using Microsoft.Data.Analysis;
using Nabla.Data;

namespace Nabla.Samples;

/// <summary>Section 2.2, Data Preprocessing: a CSV with missing values, one-hot categories, mean imputation, tensors.</summary>
internal static class Section22
{
    public static void Run()
    {
        Tour.Heading("2.2.1 Reading the Dataset");
        var path = Path.Combine(Tour.OutputFolder, "data", "house_tiny.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\nNA,NA,140000\n");
        Tour.Show("wrote", path);
        DataFrame data = Csv.Read(path);
        Tour.Show("DataFrame data = Csv.Read(path)", data);

        Tour.Heading("2.2.2 Data Preparation");
        var inputs = data.SelectColumns(0..2);
        var targets = data.Columns[2];
        inputs = inputs.GetDummies(dummyNa: true);
        Tour.Show("inputs = data.SelectColumns(0..2).GetDummies(dummyNa: true)", inputs);
        inputs = inputs.FillNaWithMean();
        Tour.Show("inputs = inputs.FillNaWithMean()", inputs);

        Tour.Heading("2.2.3 Conversion to the Tensor Format");
        Tensor X = inputs.ToTensor(DType.Float64);
        Tensor y = targets.ToTensor(DType.Float64);
        Tour.Show("X = inputs.ToTensor(DType.Float64)", X);
        Tour.Show("y = targets.ToTensor(DType.Float64)", y);
    }
}
