using System.Numerics;

namespace Nabla;

// Comparisons and tests: Bool results. NaN compares unequal to everything, as IEEE and PyTorch say.

/// <summary>torch.lt</summary>
internal readonly struct LessOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x < y; }

/// <summary>torch.le</summary>
internal readonly struct LessOrEqualOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x <= y; }

/// <summary>torch.gt</summary>
internal readonly struct GreaterOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x > y; }

/// <summary>torch.ge</summary>
internal readonly struct GreaterOrEqualOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x >= y; }

/// <summary>torch.eq</summary>
internal readonly struct EqualOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x == y; }

/// <summary>torch.ne</summary>
internal readonly struct NotEqualOp : IComparisonOperator { public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x != y; }

/// <summary>torch.isnan</summary>
internal readonly struct IsNanOp : IPredicateOperator { public static bool Apply<T>(T x) where T : unmanaged, INumber<T> => T.IsNaN(x); }

/// <summary>torch.isinf</summary>
internal readonly struct IsInfOp : IPredicateOperator { public static bool Apply<T>(T x) where T : unmanaged, INumber<T> => T.IsInfinity(x); }

/// <summary>torch.isfinite</summary>
internal readonly struct IsFiniteOp : IPredicateOperator { public static bool Apply<T>(T x) where T : unmanaged, INumber<T> => T.IsFinite(x); }
