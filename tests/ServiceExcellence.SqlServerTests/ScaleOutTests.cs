using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.SqlServerTests;

/// <summary>
/// The production set-up of the email dispatcher: two separate app processes on one SQL Server database share
/// 2,000 queued emails through the database's claims, and each email leaves exactly once. (The SQLite suite has
/// the same test on one SQLite file, with a real SMTP server.)
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class ScaleOutTests(SqlServerFixture sqlServer) : IAsyncLifetime
{
    private const int Emails = 2_000;
    private readonly List<AppProcess> _instances = [];
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), $"se-sqlserver-pickup-{Guid.NewGuid():N}");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_SQL_Server_database_send_each_of_2000_emails_exactly_once()
    {
        Assert.SkipWhen(sqlServer.Unavailable is not null, "Docker not available, SQL Server suite skipped: " + sqlServer.Unavailable);
        var connectionString = sqlServer.ConnectionString("se_" + Guid.NewGuid().ToString("N")[..12]);
        await QueueEmailsAsync(connectionString);
        Directory.CreateDirectory(_pickup);

        var first = Start(connectionString);
        var second = Start(connectionString);
        var files = await WaitForFilesAsync(Emails, TimeSpan.FromMinutes(4));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // time for a duplicate to show
        files = Directory.GetFiles(_pickup, "*.eml");

        // A file per email written, named by its Message-Id after the time: a second send would be a second file.
        Assert.Equal(Emails, files.Length);
        Assert.Equal(Emails, files.Select(f => Path.GetFileNameWithoutExtension(f).Split('-', 2)[1]).Distinct().Count());
        var sentByFirst = first.SentEmails;
        var sentBySecond = second.SentEmails;
        Assert.Equal(Emails, sentByFirst + sentBySecond);
        Assert.True(sentByFirst > 0 && sentBySecond > 0, $"one instance sent everything ({sentByFirst} / {sentBySecond})");
        await using var app = Host(connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(Emails, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent, TestContext.Current.CancellationToken));
    }

    /// <summary>Migrates a new database through the app's own start-up and queues the emails.</summary>
    private static async Task QueueEmailsAsync(string connectionString)
    {
        await using var app = Host(connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Emails; i++)
        {
            db.OutboxMessages.Add(new OutboxMessage(
                EmailKinds.AlertRaised, $"manager{i % 50}@example.com", $"Manager {i % 50}", $"Alert {i}", $"Alert {i} was raised.",
                $"<p>Alert {i} was raised.</p>", now));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An in-process host on the database with every background worker off, for setting up and checking.</summary>
    private static WebApplicationFactory<Program> Host(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:ServiceExcellence", connectionString);
            builder.UseSetting("Database:SeedDemoData", "false");
            builder.UseSetting("Email:Dispatcher:Enabled", "false");
            builder.UseSetting("Webhooks:Dispatcher:Enabled", "false");
            builder.UseSetting("Jobs:Enabled", "false");
        });

    private AppProcess Start(string connectionString)
    {
        var instance = AppProcess.Start(string.Empty, new Dictionary<string, string>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:ServiceExcellence"] = connectionString,
            ["Email:Dispatcher:Enabled"] = "true",
            ["Email:Dispatcher:PollSeconds"] = "0.2",
            ["Email:Dispatcher:BatchSize"] = "20",
            ["Email:Dispatcher:LeaseSeconds"] = "60",
            ["Email:PickupDirectory"] = _pickup,
            ["Email:PublicBaseUrl"] = "https://localhost",
            ["Serilog:MinimumLevel:Override:ServiceExcellence.Infrastructure.Email.OutboxProcessor"] = "Information",
        });
        _instances.Add(instance);
        return instance;
    }

    private async Task<string[]> WaitForFilesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.GetFiles(_pickup, "*.eml");
            if (files.Length >= count)
            {
                return files;
            }

            if (DateTime.UtcNow > deadline || _instances.All(i => i.HasExited))
            {
                var output = string.Join('\n', _instances.SelectMany(i => i.Output).TakeLast(40));
                Assert.Fail($"{files.Length} of {count} emails were written in {timeout}. Last output:\n{output}");
            }

            await Task.Delay(500);
        }
    }
}
