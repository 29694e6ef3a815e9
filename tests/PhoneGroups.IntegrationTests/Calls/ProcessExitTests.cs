using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>How <c>phonegroups run</c> ends when a supervisor (systemd, Docker, Ctrl-C) stops it: what it tells the supervisor.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class ProcessExitTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => asterisk.CleanUpAndAssertNothingLeftAsync();

    [Fact]
    public async Task Sigterm_EndsTheProcessCleanly_WithExitCodeZero()
    {
        var directory = Directory.CreateTempSubdirectory("phonegroups-it-exit-").FullName;
        var policy = Path.Combine(directory, "policy.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Policies", "scenarios.yaml"), policy);
        try
        {
            await using var controller = await ControllerProcess.StartAsync(policy);

            await controller.TerminateAsync();

            Assert.DoesNotContain("Unhandled exception", controller.Output, StringComparison.Ordinal);
            Assert.Equal(0, controller.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
