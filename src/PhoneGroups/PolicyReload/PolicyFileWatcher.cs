using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.PolicyReload;

/// <summary>
/// Keeps the policy in force equal to the policy file. The file is polled rather than watched with file
/// events, because events are not delivered for bind mounts and for the symlink swaps that
/// Kubernetes ConfigMaps and atomic editors use. A valid change replaces the policy for new calls; an
/// invalid one is logged line by line and the previous policy stays.
/// </summary>
internal sealed partial class PolicyFileWatcher(
    PolicyStore store,
    IOptions<PolicyOptions> options,
    TimeProvider time,
    ControllerMetrics metrics,
    ILogger<PolicyFileWatcher> logger) : BackgroundService
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
        PolicyLoadResult result;
        try
        {
            result = store.Reload(path);
        }
#pragma warning disable CA1031 // the controller must outlive any policy file: the previous policy stays
        catch (Exception e)
#pragma warning restore CA1031
        {
            metrics.PolicyReloaded(false);
            LogReloadFailed(logger, path, e);
            return true;
        }

        metrics.PolicyReloaded(result.Success);
        if (result.Success)
        {
            var policy = result.Policy;
            LogReloaded(logger, path, policy.Groups.Count, policy.Extensions.Count, policy.Routes.Count);
        }
        else
        {
            LogRejected(logger, path, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy change in {PolicyPath} could not be loaded; the previous policy stays in force")]
    private static partial void LogReloadFailed(ILogger logger, string policyPath, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy reloaded from {PolicyPath}: {Groups} groups, {Extensions} extensions, {Routes} routes; new calls use it")]
    private static partial void LogReloaded(ILogger logger, string policyPath, int groups, int extensions, int routes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy change in {PolicyPath} rejected ({ErrorCount} errors); the previous policy stays in force:\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string policyPath, int errorCount, string errors);

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
