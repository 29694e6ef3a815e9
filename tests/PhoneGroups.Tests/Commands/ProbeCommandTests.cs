using System.Net;
using System.Text;

namespace PhoneGroups.Tests.Commands;

/// <summary><c>phonegroups probe</c> against a real loopback HTTP server.</summary>
public sealed class ProbeCommandTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Probe_ExitsZeroOnlyWhenTheEndpointSays200(int status, int exitCode)
    {
        using var listener = new HttpListener();
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        listener.Prefixes.Add(url);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = status;
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{\"ready\":false}"));
            context.Response.Close();
        });

        var run = await Task.Run(() => CommandRun.Of("probe", url + "health/ready"));
        await serving;

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_OfNothingListening_Fails()
    {
        var run = CommandRun.Of("probe", $"http://127.0.0.1:{LoopbackPort.Free()}/health/ready");

        Assert.Equal(1, run.ExitCode);
        Assert.NotEmpty(run.Stderr);
    }

    [Fact]
    public void Probe_WithABadAddress_IsAUsageError() => Assert.Equal(2, CommandRun.Of("probe", "not a url").ExitCode);
}
