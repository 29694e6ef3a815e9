using System.Text;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// The last lines written to the console by this test process: the in-process controllers log there, and the
/// test run shows none of it, so a failed wait names what the controller did meanwhile. Installed once, in
/// place of <see cref="Console.Out"/>; nothing is passed on (the lines are only ever read back).
/// </summary>
internal sealed class ConsoleLogTail : TextWriter
{
    private const int Capacity = 400;
    private static readonly Lazy<ConsoleLogTail> Installed = new(() =>
    {
        var tail = new ConsoleLogTail();
        System.Console.SetOut(tail);
        return tail;
    });

    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _current = new();

    private ConsoleLogTail()
    {
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The process's console tail, installing it at the first call.</summary>
    public static ConsoleLogTail Install() => Installed.Value;

    public override void Write(char value)
    {
        lock (_lines)
        {
            Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lines)
        {
            foreach (var c in value ?? string.Empty)
            {
                Append(c);
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>The last <paramref name="count"/> complete lines, oldest first.</summary>
    public string Recent(int count)
    {
        lock (_lines)
        {
            return string.Join("\n", _lines.Skip(Math.Max(0, _lines.Count - count)));
        }
    }

    private void Append(char c)
    {
        if (c == '\n')
        {
            _lines.Enqueue(_current.ToString());
            _current.Clear();
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
        else if (c != '\r')
        {
            _current.Append(c);
        }
    }
}
