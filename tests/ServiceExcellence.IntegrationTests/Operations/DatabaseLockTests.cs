using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// Something else holds the database's write lock (a backup, another instance, a long job): a request waits and
/// succeeds when the lock is released in time, and otherwise says so clearly and stores nothing.
/// </summary>
public sealed class DatabaseLockTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        // Requests give up on a locked database after two seconds here (30 by default).
        _app.Settings["ConnectionStrings:ServiceExcellence"] = $"Data Source={_app.DatabasePath};Default Timeout=2";
        _data = await TestData.SeedAsync(_app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_request_waits_for_a_brief_lock_and_then_stores_everything()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);
        await using var holder = await LockAsync();

        var posting = member.PostFormAsync("/Transactions/Create", Form("WO-LOCK-1"));
        await Task.Delay(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);
        Assert.False(posting.IsCompleted, "the request did not wait for the lock");
        await ReleaseAsync(holder);
        var response = await posting;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        Assert.Equal(1, await _app.QueryAsync(db => db.SurveyInvitations.CountAsync()));
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_request_that_cannot_get_the_lock_in_time_says_so_and_stores_nothing()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);
        await using (var holder = await LockAsync())
        {
            var response = await member.PostFormAsync("/Transactions/Create", Form("WO-LOCK-2"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var page = await StaffSession.ParseAsync(response);
            Assert.Contains("nothing was saved", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            await ReleaseAsync(holder);
        }

        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.SurveyInvitations.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));

        // Sending it again once the lock is gone stores it, once.
        var again = await member.PostFormAsync("/Transactions/Create", Form("WO-LOCK-2"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.Transactions.CountAsync(t => t.ExternalReference == "WO-LOCK-2")));
    }

    private async Task<SqliteConnection> LockAsync()
    {
        var connection = new SqliteConnection($"Data Source={_app.DatabasePath}");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task ReleaseAsync(SqliteConnection connection)
    {
        await using var commit = connection.CreateCommand();
        commit.CommandText = "COMMIT;";
        await commit.ExecuteNonQueryAsync();
    }

    private Dictionary<string, string> Form(string reference) => new()
    {
        ["Input.ClientId"] = _data.Northwind.Id.ToString(),
        ["Input.ContactId"] = _data.Anna.Id.ToString(),
        ["Input.ServiceLineId"] = _data.Repair.Id.ToString(),
        ["Input.OccurredAt"] = "2026-06-14T15:30",
        ["Input.Channel"] = nameof(Channel.OnSite),
        ["Input.InvoicedAmount"] = "250",
        ["Input.Currency"] = "EUR",
        ["Input.ExternalReference"] = reference,
    };
}
