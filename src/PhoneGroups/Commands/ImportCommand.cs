using PhoneGroups.Documents;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Store;

namespace PhoneGroups.Commands;

/// <summary><c>import</c>: a policy file becomes one new revision (validated first; <c>--dry-run</c> shows the diff only).</summary>
internal static class ImportCommand
{
    public const string Usage = """
        Usage: phonegroups import FILE [--dry-run] [--summary TEXT] [--Store:Key value ...]

        Validates FILE like 'validate' and stores it as one new revision (author: import), kept as written.
        Running controllers put it in force within a second. --dry-run prints what would change and writes nothing.
        Exit code: 0 imported (or nothing to change), 2 invalid file or store.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        var settings = StoreCommandSettings.Read(args);
        var files = settings.Rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var flags = settings.Rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        string? summary = null;
        if (flags.IndexOf("--summary") is var at and >= 0)
        {
            var index = settings.Rest.IndexOf("--summary");
            if (index + 1 >= settings.Rest.Count)
            {
                return Fail(stderr, "--summary needs a value");
            }

            summary = settings.Rest[index + 1];
            files.Remove(summary);
            flags.RemoveAt(at);
        }

        var dryRun = flags.Remove("--dry-run");
        if (flags.Count > 0)
        {
            return Fail(stderr, $"unknown option '{flags[0]}'");
        }

        if (files.Count != 1)
        {
            return Fail(stderr, "name one policy file: phonegroups import FILE");
        }

        if (settings.Validate() is { Count: > 0 } problems)
        {
            return Fail(stderr, string.Join(Environment.NewLine, problems));
        }

        var path = files[0];
        var loaded = PolicyLoader.LoadFile(path);
        if (!loaded.Success)
        {
            foreach (var problem in loaded.Errors)
            {
                stderr.WriteLine(problem);
            }

            return Fail(stderr, $"{path} has {CheckCommand.Count(loaded.Errors.Count, "error")}; nothing was imported");
        }

        var document = File.ReadAllText(path);
        var store = StoreFactory.Revisions(settings.Store, settings.PolicyPath, null);
        try
        {
            if (!store.IsWritable)
            {
                return Fail(stderr, "the policy is managed as a file (Store:Provider file): edit that file instead");
            }

            store.InitializeAsync().GetAwaiter().GetResult();
            var latest = store.GetLatestAsync().GetAwaiter().GetResult();
            var diff = LineDiff.Unified(latest?.Document ?? string.Empty, document, latest is null ? "(empty store)" : $"revision {latest.Id}", path);
            if (diff.Length == 0)
            {
                stdout.WriteLine($"{path} is the same as revision {latest!.Id}: nothing to import");
                return ExitCodes.Success;
            }

            if (dryRun)
            {
                stdout.Write(diff);
                stdout.WriteLine("(dry run: nothing was written)");
                return ExitCodes.Success;
            }

            var revision = store.AppendAsync(latest?.Id ?? 0, document, $"import ({Environment.UserName})", summary ?? $"imported {Path.GetFileName(path)}").GetAwaiter().GetResult();
            stdout.WriteLine($"Imported {path} as revision {revision.Id}.");
            return ExitCodes.Success;
        }
        catch (RevisionConflictException e)
        {
            return Fail(stderr, $"{e.Message}: someone changed the policy meanwhile; run the import again");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(stderr, $"the store ({settings.Describe()}) cannot be used: {e.Message}");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"phonegroups import: {message}");
        return ExitCodes.InvalidInput;
    }
}
