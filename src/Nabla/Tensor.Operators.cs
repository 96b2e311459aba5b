namespace Nabla;

// C# operators. Binary operators broadcast and promote like their torch functions; C# numbers
// are weak scalars (2 * x keeps x's dtype). Compound operators (+= and friends) are C# 14
// instance operators that write into the left operand's storage: same object, no new storage.
// Every compound operator has Tensor, long and double overloads (int and float bind to those),
// so C# never falls back to `x = x + y`, which would silently rebind x to a new tensor.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum (torch.add).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    /// <summary>Tensor plus a weak integer scalar.</summary>
    public static Tensor operator +(Tensor a, long b) => Add(a, b);
    /// <summary>Tensor plus a weak floating scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => Add(a, b);
    /// <summary>Weak integer scalar plus tensor.</summary>
    public static Tensor operator +(long a, Tensor b) => Add(a, b);
    /// <summary>Weak floating scalar plus tensor.</summary>
    public static Tensor operator +(double a, Tensor b) => Add(a, b);

    /// <summary>Elementwise difference (torch.sub).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);
    /// <summary>Tensor minus a weak integer scalar.</summary>
    public static Tensor operator -(Tensor a, long b) => Sub(a, b);
    /// <summary>Tensor minus a weak floating scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => Sub(a, b);
    /// <summary>Weak integer scalar minus tensor.</summary>
    public static Tensor operator -(long a, Tensor b) => Sub(a, b);
    /// <summary>Weak floating scalar minus tensor.</summary>
    public static Tensor operator -(double a, Tensor b) => Sub(a, b);

    /// <summary>Elementwise product (torch.mul).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);
    /// <summary>Tensor times a weak integer scalar: <c>x * 2</c> keeps x's dtype.</summary>
    public static Tensor operator *(Tensor a, long b) => Mul(a, b);
    /// <summary>Tensor times a weak floating scalar: an integer tensor becomes Float32.</summary>
    public static Tensor operator *(Tensor a, double b) => Mul(a, b);
    /// <summary>Weak integer scalar times tensor.</summary>
    public static Tensor operator *(long a, Tensor b) => Mul(a, b);
    /// <summary>Weak floating scalar times tensor.</summary>
    public static Tensor operator *(double a, Tensor b) => Mul(a, b);

    /// <summary>True division (torch.div): integers give Float32.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);
    /// <summary>Tensor divided by a weak integer scalar.</summary>
    public static Tensor operator /(Tensor a, long b) => Div(a, b);
    /// <summary>Tensor divided by a weak floating scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => Div(a, b);
    /// <summary>Weak integer scalar divided by tensor.</summary>
    public static Tensor operator /(long a, Tensor b) => Div(a, b);
    /// <summary>Weak floating scalar divided by tensor.</summary>
    public static Tensor operator /(double a, Tensor b) => Div(a, b);

    /// <summary>Floored remainder, Python's % (torch.remainder).</summary>
    public static Tensor operator %(Tensor a, Tensor b) => Remainder(a, b);
    /// <summary>Floored remainder by a weak integer scalar.</summary>
    public static Tensor operator %(Tensor a, long b) => Remainder(a, b);
    /// <summary>Floored remainder by a weak floating scalar.</summary>
    public static Tensor operator %(Tensor a, double b) => Remainder(a, b);

    /// <summary>Elementwise negation (torch.neg).</summary>
    public static Tensor operator -(Tensor x) => Neg(x);
    /// <summary>Returns the operand (torch.positive).</summary>
    public static Tensor operator +(Tensor x) => x;

    /// <summary>Logical and of Bool tensors, bitwise and of integers (torch.bitwise_and). With operator true/false it gives <c>&amp;&amp;</c>.</summary>
    public static Tensor operator &(Tensor a, Tensor b) => BitwiseAnd(a, b);
    /// <summary>Logical or of Bool tensors, bitwise or of integers (torch.bitwise_or). With operator true/false it gives <c>||</c>.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => BitwiseOr(a, b);
    /// <summary>Logical xor of Bool tensors, bitwise xor of integers (torch.bitwise_xor). Not a power operator: use <see cref="Pow(Tensor)"/>.</summary>
    public static Tensor operator ^(Tensor a, Tensor b) => BitwiseXor(a, b);
    /// <summary>Logical not: Bool, true where the element is zero (torch.logical_not).</summary>
    public static Tensor operator !(Tensor x) => LogicalNot(x);
    /// <summary>Bitwise not of integers, logical not of Bool (torch.bitwise_not).</summary>
    public static Tensor operator ~(Tensor x) => BitwiseNot(x);

    /// <summary>Elementwise equality as a Bool tensor (torch.eq); not reference equality.</summary>
    /// <exception cref="ArgumentNullException">An operand is null: use <c>is null</c> for null checks.</exception>
    public static Tensor operator ==(Tensor? a, Tensor? b) => Eq(a!, b!);
    /// <summary>Elementwise inequality as a Bool tensor (torch.ne).</summary>
    /// <exception cref="ArgumentNullException">An operand is null: use <c>is not null</c> for null checks.</exception>
    public static Tensor operator !=(Tensor? a, Tensor? b) => Ne(a!, b!);
    /// <summary>Elementwise equality with a weak integer scalar.</summary>
    public static Tensor operator ==(Tensor a, long b) => Eq(a, b);
    /// <summary>Elementwise inequality with a weak integer scalar.</summary>
    public static Tensor operator !=(Tensor a, long b) => Ne(a, b);
    /// <summary>Elementwise equality with a weak floating scalar.</summary>
    public static Tensor operator ==(Tensor a, double b) => Eq(a, b);
    /// <summary>Elementwise inequality with a weak floating scalar.</summary>
    public static Tensor operator !=(Tensor a, double b) => Ne(a, b);

    /// <summary>Elementwise a &lt; b as Bool (torch.lt).</summary>
    public static Tensor operator <(Tensor a, Tensor b) => Lt(a, b);
    /// <summary>Elementwise a &gt; b as Bool (torch.gt).</summary>
    public static Tensor operator >(Tensor a, Tensor b) => Gt(a, b);
    /// <summary>Elementwise a &lt;= b as Bool (torch.le).</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => Le(a, b);
    /// <summary>Elementwise a &gt;= b as Bool (torch.ge).</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => Ge(a, b);
    /// <summary>Elementwise a &lt; b with a weak integer scalar.</summary>
    public static Tensor operator <(Tensor a, long b) => Lt(a, b);
    /// <summary>Elementwise a &gt; b with a weak integer scalar.</summary>
    public static Tensor operator >(Tensor a, long b) => Gt(a, b);
    /// <summary>Elementwise a &lt;= b with a weak integer scalar.</summary>
    public static Tensor operator <=(Tensor a, long b) => Le(a, b);
    /// <summary>Elementwise a &gt;= b with a weak integer scalar.</summary>
    public static Tensor operator >=(Tensor a, long b) => Ge(a, b);
    /// <summary>Elementwise a &lt; b with a weak floating scalar.</summary>
    public static Tensor operator <(Tensor a, double b) => Lt(a, b);
    /// <summary>Elementwise a &gt; b with a weak floating scalar.</summary>
    public static Tensor operator >(Tensor a, double b) => Gt(a, b);
    /// <summary>Elementwise a &lt;= b with a weak floating scalar.</summary>
    public static Tensor operator <=(Tensor a, double b) => Le(a, b);
    /// <summary>Elementwise a &gt;= b with a weak floating scalar.</summary>
    public static Tensor operator >=(Tensor a, double b) => Ge(a, b);

    /// <summary>In-place sum: writes <c>this + other</c> into this tensor's storage (torch.Tensor.add_).</summary>
    /// <exception cref="ArgumentException">The result would need a wider dtype or shape than this tensor has.</exception>
    public void operator +=(Tensor other) => Add(this, other, this);
    /// <summary>In-place sum with a weak integer scalar.</summary>
    public void operator +=(long other) => Add(this, other, this);
    /// <summary>In-place sum with a weak floating scalar; throws on an integer tensor, as PyTorch does.</summary>
    public void operator +=(double other) => Add(this, other, this);

    /// <summary>In-place difference (torch.Tensor.sub_).</summary>
    public void operator -=(Tensor other) => Sub(this, other, this);
    /// <summary>In-place difference with a weak integer scalar.</summary>
    public void operator -=(long other) => Sub(this, other, this);
    /// <summary>In-place difference with a weak floating scalar.</summary>
    public void operator -=(double other) => Sub(this, other, this);

    /// <summary>In-place product (torch.Tensor.mul_).</summary>
    public void operator *=(Tensor other) => Mul(this, other, this);
    /// <summary>In-place product with a weak integer scalar.</summary>
    public void operator *=(long other) => Mul(this, other, this);
    /// <summary>In-place product with a weak floating scalar.</summary>
    public void operator *=(double other) => Mul(this, other, this);

    /// <summary>In-place true division (torch.Tensor.div_); throws on an integer tensor, whose quotient is floating.</summary>
    public void operator /=(Tensor other) => Div(this, other, this);
    /// <summary>In-place division by a weak integer scalar.</summary>
    public void operator /=(long other) => Div(this, other, this);
    /// <summary>In-place division by a weak floating scalar.</summary>
    public void operator /=(double other) => Div(this, other, this);

    /// <summary>In-place floored remainder (torch.Tensor.remainder_).</summary>
    public void operator %=(Tensor other) => Remainder(this, other, this);
    /// <summary>In-place floored remainder by a weak integer scalar.</summary>
    public void operator %=(long other) => Remainder(this, other, this);
    /// <summary>In-place floored remainder by a weak floating scalar.</summary>
    public void operator %=(double other) => Remainder(this, other, this);

    /// <summary>In-place and (torch.Tensor.bitwise_and_).</summary>
    public void operator &=(Tensor other) => BitwiseAnd(this, other, this);
    /// <summary>In-place and with a weak integer scalar.</summary>
    public void operator &=(long other) => BitwiseAnd(this, other, this);

    /// <summary>In-place or (torch.Tensor.bitwise_or_).</summary>
    public void operator |=(Tensor other) => BitwiseOr(this, other, this);
    /// <summary>In-place or with a weak integer scalar.</summary>
    public void operator |=(long other) => BitwiseOr(this, other, this);

    /// <summary>In-place xor (torch.Tensor.bitwise_xor_).</summary>
    public void operator ^=(Tensor other) => BitwiseXor(this, other, this);
    /// <summary>In-place xor with a weak integer scalar.</summary>
    public void operator ^=(long other) => BitwiseXor(this, other, this);
}
