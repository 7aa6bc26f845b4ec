using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Infrastructure.Email;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// A relay that rejects a recipient quotes the address in its answer. The logs say which email failed and with which SMTP
/// status, never the address; the outbox row keeps the relay's full answer for the administrator.
/// </summary>
public sealed class RecipientRejectionLoggingTests : IAsyncLifetime
{
    private const string Address = "anna.andersen@northwind.example";
    private readonly AppFactory _app = new();
    private readonly FaultySmtpProxy _relay = new() { Fault = SmtpFault.RejectRecipients };

    public ValueTask InitializeAsync()
    {
        _app.Settings["Email:Smtp:Port"] = _relay.Port.ToString();
        _app.Settings["Email:Dispatcher:MaxAttempts"] = "2";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task A_rejected_recipient_is_logged_by_message_id_and_smtp_status_and_only_the_outbox_row_quotes_the_address()
    {
        await _app.ExecuteAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage(EmailKinds.AlertRaised, Address, "Anna Andersen", "Alert", "An alert was raised.", "<p>An alert was raised.</p>", _app.Clock.GetUtcNow()));
            return Task.CompletedTask;
        });
        var log = new CapturedLog<OutboxProcessor>();

        Assert.Equal(1, await ProcessAsync(log));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await ProcessAsync(log));

        var message = await _app.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains($"<{Address}>: Recipient address rejected", message.LastError, StringComparison.Ordinal);
        Assert.Equal([LogLevel.Warning, LogLevel.Error], log.Entries.Select(e => e.Level));
        Assert.All(log.Entries, e =>
        {
            Assert.DoesNotContain("anna", e.Text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(message.Id.ToString(), e.Text, StringComparison.Ordinal);
            Assert.Contains("SmtpCommandException RecipientNotAccepted, SMTP 550", e.Text, StringComparison.Ordinal);
        });

        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var row = (await admin.GetPageAsync("/Admin/Outbox?status=Failed")).QuerySelector("tbody tr")!;
        Assert.Contains("Recipient address rejected", row.TextContent, StringComparison.Ordinal);
    }

    private async Task<int> ProcessAsync(CapturedLog<OutboxProcessor> log)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<OutboxProcessor>(scope.ServiceProvider, log).ProcessDueAsync(CancellationToken.None);
    }
}
