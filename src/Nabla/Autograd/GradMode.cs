namespace Nabla;

/// <summary>
/// Whether ops record the graph, per thread (torch.is_grad_enabled). Each thread starts enabled;
/// <see cref="Autograd.NoGrad"/> and <see cref="Autograd.EnableGrad"/> scopes nest.
/// </summary>
internal static class GradMode
{
    [ThreadStatic] private static bool disabled;

    public static bool Enabled => !disabled;

    /// <summary>Sets the mode and returns a scope that restores the previous one when disposed.</summary>
    public static Autograd.GradScope Set(bool enabled)
    {
        var scope = new Autograd.GradScope(!disabled);
        disabled = !enabled;
        return scope;
    }

    internal static void Restore(bool enabled) => disabled = !enabled;
}
