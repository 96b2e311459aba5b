namespace Nabla.Tests.Fuzzing;

/// <summary>
/// Failing inputs the fuzzer found, replayed by <c>FuzzTests.Corpus</c>: the seed fixes the arguments,
/// the signature the target. A seed means the same call only for the <see cref="ArgumentFactory"/>
/// that found it: after changing the factory, run the sweep and the timed fuzz again and replace
/// these lines with the ones they print. Bugs that are fixed are kept as hand-written cases in
/// <c>FuzzTests.Findings</c>, which do not depend on the factory.
/// </summary>
internal static class Corpus
{
    public static readonly (int Seed, string Signature, string What)[] Entries =
    [
        (4029, "Tensor.OnesLike(Tensor, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.OnesLike (Tensor.Creation.cs:217)"),
        (5999, "Tensor.ZerosLike(Tensor, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.ZerosLike (Tensor.Creation.cs:214)"),
        (13910403, "Tensor.EmptyLike(Tensor, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.EmptyLike (Tensor.Creation.cs:220)"),
        (577680678, "Tensor.From<T>(T[])", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.From (Tensor.Creation.cs:244)"),
        (394244452, "Tensor.From<T>(T[,])", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.FromArray (Tensor.Creation.cs:287)"),
        (1899391279, "Tensor.From<T>(T[,,,])", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.FromArray (Tensor.Creation.cs:287)"),
        (479952221, "Tensor.OnesLike(Tensor, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.OnesLike (Tensor.Creation.cs:217)"),
        (1840501313, "Tensor.From<T>(T[][])", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.From (Tensor.Creation.cs:260)"),
        (589120287, "Tensor.ZerosLike(Tensor, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.ZerosLike (Tensor.Creation.cs:214)"),
        (982894733, "Tensor.From<T>(T[,,])", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.FromArray (Tensor.Creation.cs:287)"),
        (1989669190, "Tensor.FullLike(Tensor, Double, Nullable<DType>, Boolean)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.FullLike (Tensor.Creation.cs:224)"),
        (860378664, "Tensor.Pow(Tensor, Tensor, Tensor)", "fixed by the owner of the file (commit 1c1c034): was NullReferenceException at Tensor.Pow (Tensor.Arithmetic.cs:77)"),
    ];
}
