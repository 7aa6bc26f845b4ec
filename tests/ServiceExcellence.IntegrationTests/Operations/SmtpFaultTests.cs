using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// The mail relay misbehaves — refuses, says nothing, or drops the connection in the middle of a message — and
/// recovers: every email is delivered once it does, exactly once, and nothing is marked sent that was not.
/// </summary>
public sealed class SmtpFaultTests : IAsyncLifetime
{
    private const int Emails = 5;
    private readonly AppFactory _app = new();
    private readonly SmtpServer _smtp = new();
    private FaultySmtpProxy _proxy = default!;

    public async ValueTask InitializeAsync()
    {
        SmtpServer.SkipIfUnavailable();
        await _smtp.StartAsync();
        _proxy = new FaultySmtpProxy(_smtp.SmtpPort);
        _app.Settings["Email:Smtp:Port"] = _proxy.Port.ToString();
        _app.Settings["Email:Smtp:TimeoutSeconds"] = "2";
        await _app.ExecuteAsync(db =>
        {
            for (var i = 0; i < Emails; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage(
                    EmailKinds.AlertRaised, $"manager{i}@example.com", $"Manager {i}", $"Alert {i}", $"Alert {i} was raised.", $"<p>Alert {i} was raised.</p>",
                    _app.Clock.GetUtcNow()));
            }

            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Theory]
    [InlineData(SmtpFault.Refuse)]
    [InlineData(SmtpFault.Silence)]
    [InlineData(SmtpFault.DropMidMessage)]
    public async Task Every_email_is_delivered_exactly_once_when_the_relay_recovers(SmtpFault fault)
    {
        _proxy.Fault = fault;

        Assert.Equal(Emails, await _app.ProcessOutboxAsync());

        Assert.Empty(await _smtp.EmailsAsync());
        var waiting = await _app.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.False(string.IsNullOrEmpty(m.LastError));
            Assert.True(m.NextAttemptAt > _app.Clock.GetUtcNow(), "a failed email waits before its next attempt");
        });

        // Before the back-off has passed nothing is tried again, even with the relay back.
        _proxy.Fault = SmtpFault.None;
        Assert.Equal(0, await _app.ProcessOutboxAsync());

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Emails, await _app.ProcessOutboxAsync());

        var received = await _smtp.WaitForAsync(Emails);
        Assert.Equal(Emails, received.Count);
        Assert.Equal(Emails, received.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(
            waiting.Select(m => m.MessageId).Order(),
            received.Select(e => e.MessageId).Order());
        Assert.All(await _app.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(0, await _app.ProcessOutboxAsync());
    }
}
