using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneGroups.Configuration;
using PhoneGroups.Store;

namespace PhoneGroups.PolicyReload;

/// <summary>
/// Keeps the policy in force equal to the policy file. The file is polled rather than watched with file
/// events, because events are not delivered for bind mounts and for the symlink swaps that
/// Kubernetes ConfigMaps and atomic editors use. A valid change replaces the policy for new calls; an
/// invalid one is logged line by line and the previous policy stays.
/// </summary>
internal sealed class PolicyFileWatcher(
    PolicyPublisher publisher,
    IOptions<PolicyOptions> options,
    TimeProvider time) : BackgroundService
{
    private FileStamp _loaded = FileStamp.Of(options.Value.Path);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = options.Value.Path;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                CheckOnce(path);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Reloads the file when it changed since the last look. Returns whether it tried.</summary>
    internal bool CheckOnce(string path)
    {
        var stamp = FileStamp.Of(path);
        if (stamp == _loaded)
        {
            return false;
        }

        _loaded = stamp;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text = string.Empty; // the publisher rejects it and says so; the previous policy stays
        }

        // The publisher logs the outcome (in force, or rejected with every error by line).
        publisher.Publish(new PolicyRevision(0, DateTimeOffset.UtcNow, "file", path, text, null));
        return true;
    }

    /// <summary>What tells a changed file apart: time, size and the file the path resolves to.</summary>
    private readonly record struct FileStamp(DateTime WrittenUtc, long Length, string? Target)
    {
        public static FileStamp Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                var real = target is null ? info : new FileInfo(target);
                return real.Exists ? new FileStamp(real.LastWriteTimeUtc, real.Length, target) : default;
            }
            catch (IOException)
            {
                return default;
            }
        }
    }
}
