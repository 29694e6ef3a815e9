namespace PhoneGroups.Commands;

/// <summary>
/// <c>phonegroups probe [URL]</c>: asks a health endpoint and exits 0 when it answers 200, 1 otherwise.
/// For container health checks, so the image needs no curl.
/// </summary>
internal static class ProbeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8090/health/ready";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 1 || (args.Length == 1 && !Uri.TryCreate(args[0], UriKind.Absolute, out _)))
        {
            stderr.WriteLine($"Usage: phonegroups probe [URL]   (default {DefaultUrl})");
            return ExitCodes.InvalidInput;
        }

        var url = args.Length == 1 ? args[0] : DefaultUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            stdout.WriteLine($"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim()}");
            return response.IsSuccessStatusCode ? ExitCodes.Success : ExitCodes.Denied;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"{url}: {e.Message}");
            return ExitCodes.Denied;
        }
    }
}
