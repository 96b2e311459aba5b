namespace Nabla;

/// <summary>
/// An n-dimensional array of one <see cref="DType"/> (torch.Tensor): a <see cref="Nabla.Storage"/>
/// viewed through a shape, strides and an offset. Views share storage; operators follow
/// PyTorch's broadcasting and type promotion; compound operators (<c>+=</c>) write in place.
/// </summary>
/// <remarks>
/// <c>==</c> and <c>!=</c> compare elementwise, as in PyTorch. Identity is
/// <see cref="object.ReferenceEquals"/>; <see cref="Equals(object?)"/> and
/// <see cref="GetHashCode"/> are reference-based so tensors work as dictionary keys.
/// </remarks>
public sealed partial class Tensor
{
    private readonly Storage storage;
    internal readonly Layout Layout;

    internal Tensor(Storage storage, Layout layout, bool isWrappedNumber = false)
    {
        this.storage = storage;
        Layout = layout;
        IsWrappedNumber = isWrappedNumber;
    }

    /// <summary>A fresh contiguous tensor; zeroed unless <paramref name="uninitialized"/>.</summary>
    internal static Tensor Allocate(Shape shape, DType dtype, bool uninitialized = false) =>
        new(Storage.Allocate(dtype, shape.Numel, uninitialized), Layout.Contiguous(shape));

    /// <summary>A weak 0-d tensor holding <paramref name="value"/> converted to <paramref name="dtype"/> (not counted as tensor memory).</summary>
    internal static Tensor WrappedNumber(Tensor value, DType dtype)
    {
        var result = new Tensor(Storage.Allocate(dtype, 1, uninitialized: true, counted: false), Layout.Contiguous([]), isWrappedNumber: true);
        result.Assign(value);
        return result;
    }

    /// <summary>
    /// True for the 0-d tensors made from C# scalars by the implicit conversions: like Python
    /// numbers in PyTorch they are "weak" and do not decide the result dtype within their category.
    /// </summary>
    internal bool IsWrappedNumber { get; }

    /// <summary>The element type (torch.Tensor.dtype).</summary>
    public DType DType => storage.DType;

    /// <summary>The sizes of the dimensions (torch.Tensor.shape).</summary>
    public Shape Shape => Layout.Shape;

    /// <summary>The number of dimensions (torch.Tensor.dim()).</summary>
    public int Rank => Layout.Shape.Rank;

    /// <summary>The number of elements (torch.Tensor.numel()).</summary>
    public long Numel => Layout.Shape.Numel;

    /// <summary>A fresh copy of the strides, in elements (torch.Tensor.stride()).</summary>
    public long[] Strides => (long[])Layout.Strides.Clone();

    /// <summary>The index in <see cref="Storage"/> of the first element (torch.Tensor.storage_offset()).</summary>
    public long StorageOffset => Layout.Offset;

    /// <summary>True when the elements are row-major without gaps (torch.Tensor.is_contiguous()).</summary>
    public bool IsContiguous => Layout.IsContiguous;

    /// <summary>The memory this tensor views; shared with every view of it (torch.Tensor.untyped_storage()).</summary>
    public Storage Storage => storage;

    /// <summary>How many in-place writes the storage has seen (torch.Tensor._version); shared by views.</summary>
    public int Version => storage.Version;

    /// <summary>The array behind this tensor's storage.</summary>
    internal T[] Data<T>() where T : unmanaged => ((Storage<T>)storage).Data;

    /// <summary>The tensor whose storage this view shares, when it was made by a view op (torch.Tensor._base).</summary>
    private Tensor? viewBase;

    /// <summary>A view of the same storage through another layout.</summary>
    internal Tensor WithLayout(in Layout layout)
    {
        var root = viewBase ?? this;
        return new(storage, layout) { viewBase = root, baseHistory = root.history };
    }

    /// <summary>
    /// Checks that this tensor can be written in place and records the write: a destination
    /// whose elements alias each other (an expanded view) cannot be written elementwise.
    /// </summary>
    internal void BeginWrite(bool autogradChecked = false)
    {
        if (!autogradChecked) CheckInPlaceAllowed();
        var sizes = Layout.Shape.Sizes;
        for (int d = 0; d < sizes.Length; d++)
            if (Layout.Strides[d] == 0 && sizes[d] > 1)
                throw new InvalidOperationException(
                    "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please call Clone() on the tensor before performing the operation.");
        storage.BumpVersion();
    }

    /// <summary>
    /// PyTorch's autograd rules for in-place writes while recording: a leaf that requires grad
    /// (or a view of one) may only be changed under <see cref="Autograd.NoGrad"/>; a write to any
    /// other view is marked, so that recording it rebases the view's base (see SetGradFn).
    /// </summary>
    internal void CheckInPlaceAllowed()
    {
        if (!GradMode.Enabled) return;
        if (IsLeaf && requiresGrad)
            throw new InvalidOperationException("a leaf Variable that requires grad is being used in an in-place operation.");
        if (viewBase is not { } b) return;
        if (b.IsLeaf && b.RequiresGrad)
            throw new InvalidOperationException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        // If the write is recorded, the base's history is rebased on it (CopySlices, see SetGradFn),
        // which moves gradients through the base's layout: one that repeats elements cannot.
        var sizes = b.Layout.Shape.Sizes;
        for (int d = 0; d < sizes.Length; d++)
            if (b.Layout.Strides[d] == 0 && sizes[d] > 1)
                throw new NotSupportedException(
                    "an in-place operation on a view of a tensor whose elements share memory (an expanded tensor, detached) is not supported while recording; Clone() it first.");
        writtenInPlace = true;
    }

    /// <summary>Reference equality: use <c>==</c> for elementwise comparison.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>A reference-based hash, consistent with <see cref="Equals(object?)"/>.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
