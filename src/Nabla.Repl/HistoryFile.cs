namespace Nabla.Repl;

/// <summary>The shell's history on disk: <c>~/.nabla_history</c> (or <c>$NABLA_HISTORY</c>), one line per entry, the last 1000 kept.</summary>
public sealed class HistoryFile
{
    private const int Keep = 1000;

    /// <summary>The file's path, or null when there is no home folder.</summary>
    public string? Path { get; }

    /// <summary>False when the file cannot be written: the history then lives in memory only.</summary>
    public bool Writable { get; private set; }

    /// <summary>The lines read at start-up, oldest first.</summary>
    public IReadOnlyList<string> Lines { get; }

    private HistoryFile(string? path)
    {
        Path = path;
        var lines = new List<string>();
        if (path is not null)
        {
            try
            {
                if (File.Exists(path)) lines.AddRange(File.ReadLines(path).TakeLast(Keep));
                using (File.AppendText(path)) { }
                Writable = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Writable = false;
            }
        }
        Lines = lines;
    }

    /// <summary>Opens the history file named by <c>NABLA_HISTORY</c>, else <c>~/.nabla_history</c>.</summary>
    /// <returns>The history; never null, possibly not writable.</returns>
    public static HistoryFile Open()
    {
        string? path = Environment.GetEnvironmentVariable("NABLA_HISTORY");
        if (string.IsNullOrEmpty(path))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".nabla_history");
        }
        return new HistoryFile(path);
    }

    /// <summary>Appends one line; stops trying after the first failure.</summary>
    /// <param name="line">The line entered.</param>
    public void Append(string line)
    {
        if (!Writable || Path is null) return;
        try
        {
            File.AppendAllText(Path, line.Replace('\n', ' ') + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Writable = false;
        }
    }
}
