using ScottPlot;
using Rgb = ScottPlot.Color;

namespace Nabla.Plot;

/// <summary>
/// A matplotlib format string such as <c>"m--"</c>: an optional colour letter (b g r c m y k w),
/// an optional marker (. o s ^ v x + *) and an optional line style (- -- -. :), in any order.
/// No line style with a marker draws markers only; an empty string is a solid line.
/// </summary>
internal readonly record struct LineFormat(Rgb? Color, LinePattern? Pattern, MarkerShape Marker)
{
    /// <summary>matplotlib's default colour cycle (tab10), used for curves whose format names no colour.</summary>
    public static readonly Rgb[] Cycle =
    [
        Rgb.FromHex("#1f77b4"), Rgb.FromHex("#ff7f0e"), Rgb.FromHex("#2ca02c"), Rgb.FromHex("#d62728"),
        Rgb.FromHex("#9467bd"), Rgb.FromHex("#8c564b"), Rgb.FromHex("#e377c2"), Rgb.FromHex("#7f7f7f"),
        Rgb.FromHex("#bcbd22"), Rgb.FromHex("#17becf"),
    ];

    /// <summary>Line width in pixels at scale 1 (matplotlib's 1.5 pt at 100 dpi is 2.1 px).</summary>
    public const float LineWidth = 2f;

    public static LineFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Rgb? color = null;
        LinePattern? pattern = null;
        MarkerShape marker = MarkerShape.None;
        for (int i = 0; i < format.Length; i++)
        {
            string two = i + 1 < format.Length ? format.Substring(i, 2) : "";
            if (two is "--" or "-.")
            {
                pattern = two == "--" ? Dashed : DashDot;
                i++;
                continue;
            }
            char c = format[i];
            switch (c)
            {
                case '-': pattern = LinePattern.Solid; break;
                case ':': pattern = Dotted; break;
                case 'b' or 'g' or 'r' or 'c' or 'm' or 'y' or 'k' or 'w': color = ColorOf(c); break;
                case '.' or 'o': marker = MarkerShape.FilledCircle; break;
                case 's': marker = MarkerShape.FilledSquare; break;
                case '^': marker = MarkerShape.FilledTriangleUp; break;
                case 'v': marker = MarkerShape.FilledTriangleDown; break;
                case 'x': marker = MarkerShape.Eks; break;
                case '+': marker = MarkerShape.Cross; break;
                case '*': marker = MarkerShape.Asterisk; break;
                default:
                    throw new ArgumentException(
                        $"Unrecognised character '{c}' in format string \"{format}\"; use a colour (bgrcmykw), a marker (.os^vx+*) and a line style (- -- -. :).",
                        nameof(format));
            }
        }
        if (pattern is null && marker == MarkerShape.None) pattern = LinePattern.Solid;
        return new LineFormat(color, pattern, marker);
    }

    /// <summary>
    /// A matplotlib colour: a letter (b g r c m y k w), a colour of the cycle ("C0" to "C9") or "#rrggbb".
    /// </summary>
    /// <exception cref="ArgumentException">The text is none of those.</exception>
    public static Rgb ParseColor(string color, string parameter)
    {
        ArgumentNullException.ThrowIfNull(color, parameter);
        if (color.Length == 1 && "bgrcmykw".Contains(color[0])) return ColorOf(color[0]);
        if (color.Length == 2 && color[0] == 'C' && char.IsAsciiDigit(color[1])) return Cycle[color[1] - '0'];
        if (color.Length == 7 && color[0] == '#' && !color.AsSpan(1).ContainsAnyExcept(HexDigits)) return Rgb.FromHex(color);
        throw new ArgumentException(
            $"Unrecognised colour \"{color}\"; use a letter (bgrcmykw), a colour of the cycle (C0 to C9) or \"#rrggbb\".", parameter);
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>matplotlib's single-letter colours ('g' is a dark green, 'c', 'm' and 'y' are 75% strength).</summary>
    private static Rgb ColorOf(char c) => c switch
    {
        'b' => Rgb.FromHex("#0000ff"),
        'g' => Rgb.FromHex("#008000"),
        'r' => Rgb.FromHex("#ff0000"),
        'c' => Rgb.FromHex("#00bfbf"),
        'm' => Rgb.FromHex("#bf00bf"),
        'y' => Rgb.FromHex("#bfbf00"),
        'k' => Rgb.FromHex("#000000"),
        _ => Rgb.FromHex("#ffffff"),
    };

    // matplotlib's dash patterns (in units of the line width), scaled to our 2 px lines.
    private static readonly LinePattern Dashed = new([7.4f, 3.2f], 0, "dashed");
    private static readonly LinePattern DashDot = new([12.8f, 3.2f, 2f, 3.2f], 0, "dashdot");
    private static readonly LinePattern Dotted = new([2f, 3.3f], 0, "dotted");
}
