using System.Diagnostics;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>Runs eng/asterisk.sh, the same script the README and CI use.</summary>
internal static class AsteriskScript
{
    /// <summary>Runs <c>eng/asterisk.sh <paramref name="arguments"/></c>; throws with the script's output when it fails.</summary>
    public static async Task<string> RunAsync(string arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", $"eng/asterisk.sh {arguments}")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"eng/asterisk.sh {arguments} did not finish within {timeout.TotalSeconds:0} s:\n{await stderr}");
        }

        var output = (await stdout) + (await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/asterisk.sh {arguments} failed with exit code {process.ExitCode}:\n{output}");
        }

        return output;
    }
}
