using Microsoft.Extensions.Logging;
using PhoneGroups.Hosting;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Store;

namespace PhoneGroups.PolicyReload;

/// <summary>
/// The policy the controller starts with: the store's newest revision; on an empty store, the file at
/// <c>Policy:Path</c> becomes revision 1 (author <c>seed</c>); a file edited after the newest revision is
/// named in a warning, not applied. No valid policy, no start: there would be nothing to decide with.
/// </summary>
internal static partial class PolicyBootstrap
{
    /// <exception cref="PolicyRejectedException">Neither the store nor the seed file has a valid policy.</exception>
    public static PolicyPublisher Start(IRevisionStore store, string seedPath, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.IsWritable)
        {
            var file = PolicyLoader.LoadFile(seedPath);
            if (!file.Success)
            {
                throw new PolicyRejectedException(file.Errors);
            }

            return new PolicyPublisher(store.GetLatestAsync().GetAwaiter().GetResult()!, logger);
        }

        store.InitializeAsync().GetAwaiter().GetResult();
        var latest = store.GetLatestAsync().GetAwaiter().GetResult();
        if (latest is null)
        {
            latest = Seed(store, seedPath);
            LogSeeded(logger, seedPath, latest.Id);
        }
        else if (EditedSince(seedPath, latest))
        {
            LogFileIgnored(logger, seedPath, latest.Id);
        }

        return new PolicyPublisher(latest, logger);
    }

    /// <summary>Writes the seed file as the first revision; a race with another controller seeding keeps theirs.</summary>
    private static PolicyRevision Seed(IRevisionStore store, string seedPath)
    {
        if (string.IsNullOrWhiteSpace(seedPath))
        {
            throw new PolicyRejectedException([new PolicyError("Policy:Path", 0, 0, string.Empty, "the store is empty: set Policy:Path to the policy file that becomes its first revision")]);
        }

        var loaded = PolicyLoader.LoadFile(seedPath);
        if (!loaded.Success)
        {
            throw new PolicyRejectedException(loaded.Errors);
        }

        try
        {
            return store.AppendAsync(0, File.ReadAllText(seedPath), "seed", $"seeded from {Path.GetFileName(seedPath)}").GetAwaiter().GetResult();
        }
        catch (RevisionConflictException)
        {
            return store.GetLatestAsync().GetAwaiter().GetResult()!;
        }
    }

    /// <summary>The seed file was changed after the store's newest revision (an admin editing it as before a store existed).</summary>
    private static bool EditedSince(string seedPath, PolicyRevision latest) =>
        !string.IsNullOrWhiteSpace(seedPath) && File.Exists(seedPath)
        && File.GetLastWriteTimeUtc(seedPath) > latest.CreatedUtc.UtcDateTime
        && File.ReadAllText(seedPath) != latest.Document;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} changed after revision {Revision} was written, but the store's revision is in force: apply the file with 'phonegroups import {Path}', or keep the file as the source of truth with Store:Provider file")]
    private static partial void LogFileIgnored(ILogger logger, string path, long revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "The policy store was empty: {Path} is revision {Revision}")]
    private static partial void LogSeeded(ILogger logger, string path, long revision);
}
