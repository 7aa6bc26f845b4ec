using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// Opens an invocation, however it arrived (survey link, phone call): at most one open invocation per transaction,
/// and a new one reaches every active president by email at once, raises the guarantee alert and writes the
/// <c>guarantee.invoked</c> webhook event — all in the command's one database transaction.
/// </summary>
public sealed class GuaranteeOpener(IAppDbContext db, AlertRaiser alerts, IAppLinks links, WebhookEvents webhooks)
{
    /// <summary>Open and Agreed invocations are still open: the credit has not been issued.</summary>
    public static readonly Expression<Func<GuaranteeInvocation, bool>> IsOpen =
        g => g.Status == GuaranteeStatus.Open || g.Status == GuaranteeStatus.Agreed;

    /// <summary>The transaction's open invocation, if there is one.</summary>
    public Task<GuaranteeInvocation?> OpenForAsync(Guid transactionId, CancellationToken cancellationToken) =>
        db.GuaranteeInvocations.AsNoTracking().Where(g => g.TransactionId == transactionId).Where(IsOpen)
            .OrderBy(g => g.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stores <paramref name="invocation"/> and announces it, unless its transaction already has an open one: then
    /// nothing is stored and the existing one is returned.
    /// </summary>
    public async Task<(Guid Id, bool AlreadyOpen)> OpenAsync(GuaranteeInvocation invocation, Transaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            if (await OpenForAsync(transaction.Id, cancellationToken) is { } existing)
            {
                return (existing.Id, true);
            }

            // Two invocations of one transaction at the same moment: both bump the transaction's version, the second
            // save is a conflict, so the check above cannot be passed twice.
            db.Transactions.Entry(transaction).Property(t => t.Version).IsModified = true;
        }

        db.GuaranteeInvocations.Add(invocation);

        // Staff are told in English with invariant figures, whatever language the customer's page set.
        var customerCulture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            await EmailPresidentsAsync(invocation, transaction, cancellationToken);
            var alert = await alerts.RaiseForGuaranteeAsync(invocation, cancellationToken);
            await webhooks.GuaranteeInvokedAsync(invocation, alert?.Id, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentCulture = customerCulture;
        }

        return (invocation.Id, false);
    }

    private async Task EmailPresidentsAsync(GuaranteeInvocation invocation, Transaction? transaction, CancellationToken cancellationToken)
    {
        var presidents = await db.People.AsNoTracking()
            .Where(p => p.Role == StaffRole.President && p.IsActive)
            .Select(p => new { p.Email, p.DisplayName })
            .ToListAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invocation.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var contact = invocation.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(k => k.Id == contactId).Select(k => k.Name + (k.Email == null ? "" : " <" + k.Email + ">")).SingleOrDefaultAsync(cancellationToken)
            : null;
        var serviceLine = transaction is null
            ? null
            : await db.ServiceLines.AsNoTracking().Where(s => s.Id == transaction.ServiceLineId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);

        var culture = CultureInfo.InvariantCulture;
        var amounts = string.Create(culture, $"{invocation.ChosenAmount:N2} of {invocation.InvoicedAmount:N2} {invocation.Currency}");
        var what = transaction is null
            ? "no particular transaction"
            : string.Create(culture, $"{serviceLine} on {transaction.OccurredAt:yyyy-MM-dd} ({transaction.ExternalReference})");
        var channel = invocation.Channel switch
        {
            GuaranteeChannel.SurveyLink => "through the survey link",
            GuaranteeChannel.PhoneCall => "by phone",
            GuaranteeChannel.Email => "by email",
            _ => "in person or otherwise",
        };
        var url = links.Guarantee(invocation.Id);
        var subject = $"Guarantee invoked: {client} would pay {amounts}";
        var text = $"""
            {client} invoked the guarantee {channel}.

            Contact: {contact ?? "—"}
            About: {what}
            Would pay: {amounts}
            Reason: {invocation.Reason}

            Open it on the guarantee desk: {url}
            """;
        static string H(string? value) => WebUtility.HtmlEncode(value ?? "—");
        var html = $"""
            <!DOCTYPE html><html lang="en"><body style="font:15px/1.5 Arial,sans-serif;color:#1f2933">
            <p><strong>{H(client)}</strong> invoked the guarantee {H(channel)}.</p>
            <p>Contact: {H(contact)}<br>About: {H(what)}<br>Would pay: <strong>{H(amounts)}</strong></p>
            <p>Reason:</p><blockquote style="border-left:3px solid #c4320a;margin:0;padding-left:12px">{H(invocation.Reason)}</blockquote>
            <p><a href="{url}" style="color:#0b4f6c">Open it on the guarantee desk</a></p>
            </body></html>
            """;
        foreach (var president in presidents)
        {
            db.OutboxMessages.Add(new OutboxMessage(EmailKinds.GuaranteeInvoked, president.Email, president.DisplayName, subject, text, html, invocation.CreatedAt));
        }
    }
}
