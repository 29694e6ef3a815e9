using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Store;

/// <summary>
/// <c>LISTEN phonegroups_policy</c> on a connection of its own: a revision written by any controller wakes
/// this controller's <see cref="StoreWatcher"/> at once. A lost connection is made again; meanwhile the
/// watcher's poll still finds new revisions.
/// </summary>
internal sealed partial class PostgresChangeListener(PostgresStore store, StoreWatcher watcher, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(store.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, _) => watcher.Nudge();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresStore.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                watcher.Nudge(); // anything written while not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                LogLost(logger, e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LISTEN for policy changes lost ({Error}); reconnecting, polling meanwhile")]
    private static partial void LogLost(ILogger logger, string error);
}
