using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// The email dispatcher as it runs in production: separate app processes on one database, with a real SMTP
/// server. Several instances never send an email twice; a killed instance loses none.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const int Emails = 2_000;
    private const int BatchSize = 20;
    private readonly SmtpServer _smtp = new();
    private readonly List<AppProcess> _instances = [];
    private string _database = string.Empty;

    public async ValueTask InitializeAsync()
    {
        SmtpServer.SkipIfUnavailable();
        await _smtp.StartAsync();
        _database = await QueueEmailsAsync(Emails);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_of_2000_emails_exactly_once()
    {
        var first = Start(leaseSeconds: 60);
        var second = Start(leaseSeconds: 60);

        var received = await WaitForDistinctAsync(Emails, TimeSpan.FromMinutes(4));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // time for a duplicate to show

        received = await _smtp.EmailsAsync();
        Assert.Equal(Emails, received.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(Emails, received.Count);
        Assert.Equal(Emails, await CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent'"));

        // Both instances did part of the work: each logs every email it sent.
        var sentByFirst = first.SentEmails;
        var sentBySecond = second.SentEmails;
        Assert.Equal(Emails, sentByFirst + sentBySecond);
        Assert.True(sentByFirst > 0 && sentBySecond > 0, $"one instance sent everything ({sentByFirst} / {sentBySecond})");
    }

    [Fact]
    public async Task An_instance_killed_in_the_middle_of_dispatching_loses_no_email()
    {
        // A short lease, so the replacement takes over the killed instance's batch within seconds.
        var doomed = Start(leaseSeconds: 3);
        await WaitForDistinctAsync(300, TimeSpan.FromMinutes(2));
        await doomed.KillAsync();
        var sentBeforeKill = (await _smtp.EmailsAsync()).Count;
        Assert.True(sentBeforeKill < Emails, "the instance finished before it could be killed");

        // The replacement takes over the killed instance's claimed batch when its lease runs out.
        Start(leaseSeconds: 3);
        var received = await WaitForDistinctAsync(Emails, TimeSpan.FromMinutes(4));

        Assert.Equal(Emails, received.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(Emails, await CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent'"));

        // Only an email on the wire at the moment of the kill can arrive twice, with the same Message-Id.
        Assert.InRange(received.Count - Emails, 0, BatchSize);
    }

    private AppProcess Start(int leaseSeconds)
    {
        var instance = AppProcess.Start(_database, new Dictionary<string, string>
        {
            ["Email:Dispatcher:Enabled"] = "true",
            ["Email:Dispatcher:PollSeconds"] = "0.2",
            ["Email:Dispatcher:BatchSize"] = BatchSize.ToString(),
            ["Email:Dispatcher:LeaseSeconds"] = leaseSeconds.ToString(),
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _smtp.SmtpPort.ToString(),
            ["Email:Smtp:Security"] = "None",
            ["Email:PublicBaseUrl"] = "https://localhost",
            ["Serilog:MinimumLevel:Override:ServiceExcellence.Infrastructure.Email.OutboxProcessor"] = "Information",
        });
        _instances.Add(instance);
        return instance;
    }

    private async Task<IReadOnlyList<ReceivedEmail>> WaitForDistinctAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = await _smtp.EmailsAsync();
            if (received.Select(e => e.MessageId).Distinct().Count() >= count)
            {
                return received;
            }

            if (DateTime.UtcNow > deadline || _instances.All(i => i.HasExited))
            {
                var output = string.Join('\n', _instances.SelectMany(i => i.Output).TakeLast(40));
                Assert.Fail($"{received.Count} of {count} emails arrived in {timeout}. Last output:\n{output}");
            }

            await Task.Delay(500);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A migrated database file with <paramref name="count"/> alert emails waiting to be sent.</summary>
    private static async Task<string> QueueEmailsAsync(int count)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"se-scaleout-{Guid.NewGuid():N}.db");
        await using var app = new AppFactory();
        await app.ExecuteAsync(db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage(
                    EmailKinds.AlertRaised, $"manager{i % 50}@example.com", $"Manager {i % 50}", $"Alert {i}", $"Alert {i} was raised.",
                    $"<p>Alert {i} was raised.</p>", app.Clock.GetUtcNow()));
            }

            return Task.CompletedTask;
        });
        await app.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", copy));
        return copy;
    }
}
