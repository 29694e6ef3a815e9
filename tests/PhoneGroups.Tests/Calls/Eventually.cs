namespace PhoneGroups.Tests.Calls;

/// <summary>
/// Waits for something the pipeline does on another thread. Bounded (10 s) so a broken pipeline fails
/// the test instead of hanging it; the bound is not a speed assertion.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Retries an NSubstitute Received() check until it passes.</summary>
    public static async Task Async(Func<Task> check)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (NSubstitute.Exceptions.ReceivedCallsException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }
    }

    public static async Task True(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never became true");
            await Task.Delay(10);
        }
    }
}
