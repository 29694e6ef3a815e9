namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// A test class that talks to the real controller: a fresh <see cref="ControllerHarness"/> per test, and
/// after each test, Asterisk must hold nothing the test left behind.
/// </summary>
public abstract class ControllerTest(AsteriskFixture asterisk, string policy = "scenarios.yaml", int ringTimeoutSeconds = 4, params string[] settings) : IAsyncLifetime
{
    protected ControllerHarness Controller { get; private set; } = null!;

    protected AsteriskFixture Asterisk => asterisk;

    public virtual async Task InitializeAsync() => Controller = await ControllerHarness.StartAsync(asterisk, policy, ringTimeoutSeconds, settings);

    public virtual async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }
}
