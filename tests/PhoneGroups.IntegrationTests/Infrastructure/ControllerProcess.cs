using System.Diagnostics;
using System.Text;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// The controller as its own process (<c>phonegroups run</c>, the program the README starts), so a test
/// can kill it the way a crash or the OOM killer would: SIGKILL, no shutdown code runs.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ControllerProcess(Process process, Uri health)
    {
        _process = process;
        Health = health;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Health { get; }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>phonegroups run</c> with the test Asterisk's settings and waits until it is ready.</summary>
    public static async Task<ControllerProcess> StartAsync(string policyPath, params string[] settings)
    {
        var health = new Uri($"http://127.0.0.1:{ControllerHarness.FreeTcpPort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "phonegroups.dll"), "run",
            "--Ari:Url", "http://127.0.0.1:8088", "--Ari:User", "phonegroups", "--Ari:App", "phonegroups",
            "--Policy:Path", policyPath, "--Store:Provider", "file", "--Store:Path", Path.ChangeExtension(policyPath, ".db"), // later settings may name another store
            "--Calls:RingTimeoutSeconds", "20", "--Logging:Format", "text", "--Health:Url", health.ToString(), .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Ari__Password"] = "phonegroups";
        start.Environment["Demo__AllowDemoPassword"] = "true"; // the demo password of asterisk-conf/ari.conf
        var process = new ControllerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the controller"), health);
        await process.WaitUntilReadyAsync();
        return process;
    }

    /// <summary>The process id (to find its connections).</summary>
    public int Id => _process.Id;

    /// <summary>The exit code, once the process has ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, as a supervisor stopping it would: it shuts down in order (Calls:ShutdownTimeoutSeconds).</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the controller exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Health, "health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the controller was not ready within 30 s: {Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
