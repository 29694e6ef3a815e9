namespace PhoneGroups.Ari.Connection;

/// <summary>
/// How long to wait before connecting again after a connection ended too soon: <c>first</c>, then
/// doubling up to <c>max</c>, with jitter (80–100 % of the step) so two clients do not take turns in
/// lockstep. A connection that held for <see cref="GoodAfter"/> (three times <c>max</c>) was a good
/// one: the next wait starts from <c>first</c> again.
/// </summary>
/// <remarks>
/// Two uses: taking the application back from another connection (first 5 s, max 20 s: at most one
/// take-back per 20 s from a peer that keeps taking it, and back within 20 s once it left), and a
/// connection Asterisk drops right after accepting it (no tight reconnect loop).
/// </remarks>
internal sealed class ConnectionBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;
    private int _step;

    /// <param name="first">The first wait.</param>
    /// <param name="max">The longest wait.</param>
    /// <param name="random">A number in [0, 1) per wait; <see cref="Random.Shared"/> by default.</param>
    public ConnectionBackoff(TimeSpan first, TimeSpan max, Func<double>? random = null)
    {
        _first = first;
        _max = max < first ? first : max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>How long a connection must hold to count as good.</summary>
    public TimeSpan GoodAfter => _max * 3;

    /// <summary>Starts again from the first wait.</summary>
    public void Reset() => _step = 0;

    /// <summary>The wait after a connection that held for <paramref name="heldFor"/> ended.</summary>
    public TimeSpan Next(TimeSpan heldFor)
    {
        if (heldFor >= GoodAfter)
        {
            Reset();
        }

        _step = Math.Min(_step + 1, 30);
        var step = TimeSpan.FromTicks((long)Math.Min(_first.Ticks * Math.Pow(2, _step - 1), _max.Ticks));
        return step * (0.8 + (0.2 * _random()));
    }
}
