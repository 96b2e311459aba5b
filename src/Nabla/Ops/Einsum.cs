namespace Nabla;

/// <summary>
/// Einstein summation (torch.einsum) built from recorded ops, so it is differentiable: repeated
/// letters in one operand take a diagonal, letters of one operand that no later operand or the
/// output needs are summed out, and each pair of operands is contracted with one batched matrix
/// product ([batch, free, contracted] · [batch, contracted, free]).
/// </summary>
internal static class Einsum
{
    public static Tensor Evaluate(string equation, Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(operands);
        for (int i = 0; i < operands.Length; i++)
            if (operands[i] is null) throw new ArgumentNullException(nameof(operands), $"einsum(): operand {i} is null");
        if (operands.Length == 0) throw new ArgumentException("einsum(): must provide at least one operand");
        string spec = equation.Replace(" ", "");
        if (spec.Contains("...")) throw new NotSupportedException("einsum(): ellipsis ('...') is not supported yet; name every dimension");
        ValidateCharacters(equation);
        var parts = spec.Split("->");
        var inputs = parts[0].Split(',');
        if (inputs.Length != operands.Length)
            throw new ArgumentException($"einsum(): {inputs.Length} operands in the equation, but {operands.Length} were given");
        // Without "->", the output is every letter that appears once, in alphabetical order.
        string output = parts.Length > 1 ? parts[1]
            : new string(parts[0].Where(char.IsAsciiLetter).GroupBy(c => c).Where(g => g.Count() == 1).Select(g => g.Key).Order().ToArray());
        foreach (char c in output)
            if (output.IndexOf(c) != output.LastIndexOf(c))
                throw new ArgumentException($"einsum(): output subscript {c} appears more than once in the output");

        var terms = new List<(Tensor Value, string Letters)>();
        for (int i = 0; i < operands.Length; i++)
        {
            if (inputs[i].Length != operands[i].Rank)
                throw new ArgumentException($"einsum(): the number of subscripts in \"{inputs[i]}\" ({inputs[i].Length}) does not match the number of dimensions ({operands[i].Rank}) for operand {i}");
            terms.Add(Diagonals(operands[i], inputs[i], i));
        }

        var (value, letters) = terms[0];
        for (int i = 1; i < terms.Count; i++)
        {
            string needed = output + string.Concat(terms.Skip(i + 1).Select(t => t.Letters));
            (value, letters) = Contract(SumOut(value, letters, needed + terms[i].Letters), SumOut(terms[i].Value, terms[i].Letters, needed + letters), needed);
        }
        (value, letters) = SumOut(value, letters, output);
        foreach (char c in output)
            if (!letters.Contains(c)) throw new ArgumentException($"einsum(): output subscript {c} does not appear in the equation for any input operand");
        return value.Permute([.. output.Select(c => letters.IndexOf(c))]);
    }

    /// <summary>
    /// Letters, commas before the one "->", and spaces are all an equation may hold: anything else
    /// (a digit, a second arrow, a stray '-' or '>') is rejected at its index, as PyTorch does.
    /// </summary>
    private static void ValidateCharacters(string equation)
    {
        int arrow = equation.IndexOf("->", StringComparison.Ordinal);
        for (int i = 0; i < equation.Length; i++)
        {
            char c = equation[i];
            bool valid = char.IsAsciiLetter(c) || c == ' ' || (c == ',' && (arrow < 0 || i < arrow)) || (arrow >= 0 && (i == arrow || i == arrow + 1));
            if (!valid)
                throw new ArgumentException(
                    $"einsum(): invalid subscript given at index {i} in the equation string, subscripts must be in [a-zA-Z] ('{c}' in \"{equation}\")");
        }
    }

    /// <summary>Replaces each repeated letter of an operand by its diagonal ("ii" → the diagonal, "ii->" → the trace).</summary>
    private static (Tensor, string) Diagonals(Tensor value, string letters, int operand)
    {
        for (int i = 0; i < letters.Length; i++)
        {
            int j = letters.IndexOf(letters[i], i + 1);
            if (j < 0) continue;
            if (value.Shape.Sizes[i] != value.Shape.Sizes[j])
                throw new ArgumentException(
                    $"einsum(): subscript {letters[i]} is repeated for operand {operand} but the sizes don't match, {value.Shape.Sizes[j]} != {value.Shape.Sizes[i]}");
            value = value.Diagonal(0, i, j);
            letters = letters.Remove(j, 1).Remove(i, 1) + letters[i];
            i = -1;  // the letters moved: look again from the start
        }
        return (value, letters);
    }

    /// <summary>Sums over the letters that <paramref name="keep"/> does not mention.</summary>
    private static (Tensor, string) SumOut(Tensor value, string letters, string keep)
    {
        var drop = Enumerable.Range(0, letters.Length).Where(d => !keep.Contains(letters[d])).ToArray();
        if (drop.Length == 0) return (value, letters);
        return (value.Sum(drop), new string(letters.Where((c, d) => !drop.Contains(d)).ToArray()));
    }

    private static (Tensor, string) Contract((Tensor Value, string Letters) x, (Tensor Value, string Letters) y, string needed)
    {
        string batch = new(x.Letters.Where(c => y.Letters.Contains(c) && needed.Contains(c)).ToArray());
        string contracted = new(x.Letters.Where(c => y.Letters.Contains(c) && !needed.Contains(c)).ToArray());
        string freeX = new(x.Letters.Where(c => !y.Letters.Contains(c)).ToArray());
        string freeY = new(y.Letters.Where(c => !x.Letters.Contains(c)).ToArray());
        long Size((Tensor Value, string Letters) t, string of) => of.Aggregate(1L, (p, c) => p * t.Value.Shape.Sizes[t.Letters.IndexOf(c)]);
        // A size-1 dim broadcasts against the other operand's size for the same subscript, as in PyTorch.
        foreach (char c in batch + contracted)
        {
            long sx = x.Value.Shape.Sizes[x.Letters.IndexOf(c)], sy = y.Value.Shape.Sizes[y.Letters.IndexOf(c)];
            if (sx == sy) continue;
            if (sx != 1 && sy != 1)
                throw new ArgumentException($"einsum(): operands do not broadcast: subscript {c} has sizes {sx} and {sy}");
            if (sx == 1) x = (Resize(x.Value, x.Letters.IndexOf(c), sy), x.Letters);
            else y = (Resize(y.Value, y.Letters.IndexOf(c), sx), y.Letters);
        }
        if (contracted.Length == 0) return Multiply(x, y, batch, freeX, freeY);
        var left = x.Value.Permute([.. (batch + freeX + contracted).Select(c => x.Letters.IndexOf(c))])
            .Reshape(Size(x, batch), Size(x, freeX), Size(x, contracted));
        var right = y.Value.Permute([.. (batch + contracted + freeY).Select(c => y.Letters.IndexOf(c))])
            .Reshape(Size(y, batch), Size(y, contracted), Size(y, freeY));
        var sizes = (batch + freeX).Select(c => x.Value.Shape.Sizes[x.Letters.IndexOf(c)])
            .Concat(freeY.Select(c => y.Value.Shape.Sizes[y.Letters.IndexOf(c)])).ToArray();
        return (Tensor.Matmul(left, right).Reshape(sizes), batch + freeX + freeY);
    }

    /// <summary>The tensor with dim <paramref name="dim"/> (of size 1) expanded to <paramref name="size"/>.</summary>
    private static Tensor Resize(Tensor value, int dim, long size)
    {
        var sizes = value.Shape.ToArray();
        sizes[dim] = size;
        return value.Expand(sizes);
    }

    /// <summary>
    /// A pair with nothing to sum over: an elementwise (broadcast) product laid out as batch, freeX,
    /// freeY. Like PyTorch's, it promotes mixed dtypes, where a contraction requires one dtype.
    /// </summary>
    private static (Tensor, string) Multiply((Tensor Value, string Letters) x, (Tensor Value, string Letters) y, string batch, string freeX, string freeY)
    {
        var left = x.Value.Permute([.. (batch + freeX).Select(c => x.Letters.IndexOf(c))]);
        for (int i = 0; i < freeY.Length; i++) left = left.Unsqueeze(-1);
        var right = y.Value.Permute([.. (batch + freeY).Select(c => y.Letters.IndexOf(c))]);
        for (int i = 0; i < freeX.Length; i++) right = right.Unsqueeze(batch.Length);
        return (left * right, batch + freeX + freeY);
    }
}
