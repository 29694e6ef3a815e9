namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>
/// Waits for something the connection does on its own threads. Bounded (10 s) so a broken connection
/// fails the test instead of hanging it; the bound is not a speed assertion (time itself is fake).
/// </summary>
internal static class Bounded
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<T> WaitAsync<T>(Task<T> task, string failure)
    {
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(failure);
        }
    }

    public static async Task WaitAsync(Task task, string failure)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(failure);
        }
    }
}
