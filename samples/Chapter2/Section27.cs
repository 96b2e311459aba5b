namespace Nabla.Samples;

/// <summary>Section 2.7, Documentation: the names in a namespace, help on a function, its source (the notebook's ?? ).</summary>
internal static class Section27
{
    public static void Run()
    {
        Tour.Heading("2.7.1 Functions and Classes in a Module");
        Tour.Show("Docs.Dir(\"Nabla.Distributions\")   (dir(torch.distributions))", Names("Nabla.Distributions"));

        Tour.Heading("2.7.2 Specific Functions and Classes");
        Tour.Show("Docs.Help(\"Tensor.Ones\")   (help(torch.ones))", Docs.Help("Tensor.Ones"));
        Tour.Show("Tensor.Ones(4)", Tensor.Ones(4));
        Tour.Show("Docs.Help(\"torch.ones\")   (PyTorch names resolve to the Nabla member)", Docs.Help("torch.ones").Split('\n')[0]);
        Tour.Show("Docs.Source(\"Tensor.Ones\")   (the notebook's Tensor.Ones??; the nabla shell accepts it as is)", Docs.Source("Tensor.Ones"));
    }

    /// <summary>The names as one comma-separated line, or why there are none.</summary>
    private static string Names(string ns)
    {
        try
        {
            return string.Join(", ", Docs.Dir(ns));
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
