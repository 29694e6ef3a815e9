using System.Diagnostics.CodeAnalysis;

namespace PhoneGroups.Commands;

/// <summary>
/// The options of one command: <c>--name value</c>, <c>--name=value</c> and flags. Deliberately small:
/// a few options do not justify a parser dependency, and every mistake gets a message naming the option.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/> against the options a command knows.</summary>
    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags,
        [NotNullWhen(true)] out CommandArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var result = new CommandArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (flags.Contains(name) && equals < 0)
            {
                result._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    error = $"{name} needs a value";
                    return false;
                }

                if (value.Length == 0)
                {
                    error = $"{name} needs a value";
                    return false;
                }

                if (!result._values.TryAdd(name, value))
                {
                    error = $"{name} is given twice";
                    return false;
                }
            }
            else
            {
                error = arg.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{arg}'";
                return false;
            }
        }

        parsed = result;
        error = null;
        return true;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);
}
