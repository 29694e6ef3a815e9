using PhoneGroups.Store;

namespace PhoneGroups.Commands;

/// <summary><c>export</c>: the policy in the store (its newest revision, or one named) as YAML on stdout.</summary>
internal static class ExportCommand
{
    public const string Usage = """
        Usage: phonegroups export [--revision N] [--Store:Key value ...] > policy.yaml

        Prints the newest revision's policy (or revision N) exactly as stored. With Store:Provider file it
        prints the policy file.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        var settings = StoreCommandSettings.Read(args);
        if (!CommandArguments.TryParse(settings.Rest, ["--revision"], [], out var options, out var error))
        {
            return Fail(stderr, error);
        }

        if (settings.Validate() is { Count: > 0 } problems)
        {
            return Fail(stderr, string.Join(Environment.NewLine, problems));
        }

        long? id = null;
        if (options.Value("--revision") is { } text)
        {
            if (!long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
            {
                return Fail(stderr, $"--revision must be a revision number, not '{text}'");
            }

            id = parsed;
        }

        var store = StoreFactory.Revisions(settings.Store, settings.PolicyPath, null);
        try
        {
            store.InitializeAsync().GetAwaiter().GetResult();
            var revision = (id is null ? store.GetLatestAsync() : store.GetAsync(id.Value)).GetAwaiter().GetResult();
            if (revision is null)
            {
                return Fail(stderr, id is null ? $"the store ({settings.Describe()}) is empty" : $"no revision {id}");
            }

            stdout.Write(revision.Document.EndsWith('\n') ? revision.Document : revision.Document + "\n");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(stderr, $"the store ({settings.Describe()}) cannot be read: {e.Message}");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"phonegroups export: {message}");
        return ExitCodes.InvalidInput;
    }
}
