using System.Text;

namespace Nabla.Repl;

/// <summary>
/// A small line editor for the terminal: cursor keys, Home/End, Backspace/Delete, Up/Down through
/// the history, Ctrl+A/E/U/K/L, Ctrl+C to drop the line, Ctrl+D on an empty line to leave.
/// Falls back to <see cref="Console.ReadLine"/> when the console cannot read keys.
/// </summary>
public sealed class LineEditor
{
    private readonly List<string> history;

    /// <summary>An editor whose Up key starts from <paramref name="history"/> (oldest first).</summary>
    /// <param name="history">Lines from earlier sessions.</param>
    public LineEditor(IEnumerable<string> history) => this.history = [.. history];

    /// <summary>Adds a line to the history the Up key walks through.</summary>
    /// <param name="line">The line entered.</param>
    public void Remember(string line)
    {
        if (history.Count == 0 || history[^1] != line) history.Add(line);
    }

    /// <summary>Reads one line after showing <paramref name="prompt"/>; null at end of input.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The line, or null for Ctrl+D on an empty line or the end of input.</returns>
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        try
        {
            return ReadKeys(prompt);
        }
        catch (InvalidOperationException)
        {
            return Console.ReadLine();
        }
    }

    private string? ReadKeys(string prompt)
    {
        var line = new StringBuilder();
        int cursor = 0, index = history.Count;
        string draft = "";
        bool treat = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                bool control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        Console.WriteLine();
                        return line.ToString();
                    case ConsoleKey.D when control:
                        if (line.Length == 0) return null;
                        if (cursor < line.Length) line.Remove(cursor, 1);
                        break;
                    case ConsoleKey.C when control:
                        Console.WriteLine("^C");
                        return "";
                    case ConsoleKey.Backspace:
                        if (cursor > 0) line.Remove(--cursor, 1);
                        break;
                    case ConsoleKey.Delete:
                        if (cursor < line.Length) line.Remove(cursor, 1);
                        break;
                    case ConsoleKey.LeftArrow or ConsoleKey.B when key.Key == ConsoleKey.LeftArrow || control:
                        cursor = Math.Max(0, cursor - 1);
                        break;
                    case ConsoleKey.RightArrow or ConsoleKey.F when key.Key == ConsoleKey.RightArrow || control:
                        cursor = Math.Min(line.Length, cursor + 1);
                        break;
                    case ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || control:
                        cursor = 0;
                        break;
                    case ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || control:
                        cursor = line.Length;
                        break;
                    case ConsoleKey.U when control:
                        line.Remove(0, cursor);
                        cursor = 0;
                        break;
                    case ConsoleKey.K when control:
                        line.Remove(cursor, line.Length - cursor);
                        break;
                    case ConsoleKey.L when control:
                        Console.Write("\x1b[2J\x1b[H" + prompt);
                        break;
                    case ConsoleKey.UpArrow or ConsoleKey.P when key.Key == ConsoleKey.UpArrow || control:
                        if (index > 0)
                        {
                            if (index == history.Count) draft = line.ToString();
                            index--;
                            line.Clear().Append(history[index]);
                            cursor = line.Length;
                        }
                        break;
                    case ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || control:
                        if (index < history.Count)
                        {
                            index++;
                            line.Clear().Append(index == history.Count ? draft : history[index]);
                            cursor = line.Length;
                        }
                        break;
                    case ConsoleKey.Tab:
                        line.Insert(cursor, "    ");
                        cursor += 4;
                        break;
                    default:
                        if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                            line.Insert(cursor++, key.KeyChar);
                        break;
                }
                Redraw(prompt, line, cursor);
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treat;
        }
    }

    /// <summary>Rewrites the current line: carriage return, prompt, text, clear to the end, cursor back into place.</summary>
    private static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        var sb = new StringBuilder("\r").Append(prompt).Append(line).Append("\x1b[K");
        int back = line.Length - cursor;
        if (back > 0) sb.Append("\x1b[").Append(back).Append('D');
        Console.Write(sb.ToString());
    }
}
