using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Privacy;

/// <summary>
/// Everything held about one contact of a client: the contact record, their transactions, survey invitations (with how many
/// link tokens exist — never the tokens), ratings, guarantee invocations, emails addressed to them, and the privacy actions taken.
/// </summary>
public static class ContactPrivacy
{
    public sealed record Query(Guid ClientId, Guid ContactId) : IQuery<Model>;

    public sealed record Model(
        ContactRecord Contact,
        IReadOnlyList<TransactionRow> Transactions,
        IReadOnlyList<InvitationRow> Invitations,
        IReadOnlyList<RatingRow> Ratings,
        IReadOnlyList<GuaranteeRow> Guarantees,
        IReadOnlyList<EmailRow> Emails,
        IReadOnlyList<HistoryRow> History)
    {
        /// <summary>Counts of the records, for the page and the audit trail.</summary>
        public string Counts =>
            $"{Transactions.Count} transactions, {Invitations.Count} invitations, {Invitations.Sum(i => i.LinkTokens)} link tokens, "
            + $"{Ratings.Count} ratings, {Guarantees.Count} guarantee invocations, {Emails.Count} emails";
    }

    public sealed record ContactRecord(
        Guid Id, Guid ClientId, string ClientName, string Name, string? Email, string Language, bool OptedOut,
        DateTimeOffset? LastSurveyedAt, DateTimeOffset? ErasedAt);

    public sealed record TransactionRow(
        Guid Id, string SourceSystem, string ExternalReference, DateTimeOffset OccurredAt, string ServiceLine, string Channel,
        decimal InvoicedAmount, string Currency);

    public sealed record InvitationRow(
        Guid Id, Guid TransactionId, string Status, string? SuppressionReason, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
        DateTimeOffset? SentAt, DateTimeOffset? RespondedAt, int ReminderCount, int LinkTokens);

    public sealed record RatingRow(
        Guid Id, Guid TransactionId, DateTimeOffset SubmittedAt, DateTimeOffset? LastEditedAt, int Overall, int? Reliability,
        int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency, int? LikelihoodToRecommend, string? Comment,
        string Language, IReadOnlyList<string> FailureCategories);

    public sealed record GuaranteeRow(
        Guid Id, Guid? TransactionId, string Channel, string Status, decimal InvoicedAmount, decimal ChosenAmount, decimal? AgreedAmount,
        string Currency, string Reason, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt);

    public sealed record EmailRow(
        Guid Id, string Kind, string ToAddress, string ToName, string Subject, string Status, DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt, string TextBody);

    public sealed record HistoryRow(DateTimeOffset At, string ActorName, string Action, string Summary);

    public sealed class Handler(IAppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            PrivacyAccess.RequireAdministrator(user);
            return await LoadAsync(db, query.ClientId, query.ContactId, cancellationToken);
        }
    }

    internal static async Task<Model> LoadAsync(IAppDbContext db, Guid clientId, Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking()
            .Where(k => k.Id == contactId && k.ClientId == clientId)
            .Select(k => new ContactRecord(
                k.Id, k.ClientId, db.Clients.Where(c => c.Id == k.ClientId).Select(c => c.Name).First(), k.Name, k.Email, k.Language,
                k.OptedOut, k.LastSurveyedAt, k.ErasedAt))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The contact");

        var transactions = (await db.Transactions.AsNoTracking()
            .Where(t => t.ContactId == contactId)
            .Select(t => new
            {
                t.Id,
                t.SourceSystem,
                t.ExternalReference,
                t.OccurredAt,
                ServiceLine = db.ServiceLines.Where(s => s.Id == t.ServiceLineId).Select(s => s.Name).First(),
                t.Channel,
                t.InvoicedAmount,
                t.Currency,
            })
            .ToListAsync(cancellationToken))
            .OrderBy(t => t.OccurredAt)
            .Select(t => new TransactionRow(t.Id, t.SourceSystem, t.ExternalReference, t.OccurredAt, t.ServiceLine, t.Channel.ToString(), t.InvoicedAmount, t.Currency))
            .ToList();

        var invitations = (await db.SurveyInvitations.AsNoTracking()
            .Where(i => i.ContactId == contactId)
            .Select(i => new
            {
                i.Id,
                i.TransactionId,
                i.Status,
                i.SuppressionReason,
                i.CreatedAt,
                i.ExpiresAt,
                i.SentAt,
                i.RespondedAt,
                i.ReminderCount,
                LinkTokens = db.SurveyLinkTokens.Count(t => t.InvitationId == i.Id),
            })
            .ToListAsync(cancellationToken))
            .OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.TransactionId, i.Status.ToString(), i.SuppressionReason?.ToString(), i.CreatedAt, i.ExpiresAt,
                i.SentAt, i.RespondedAt, i.ReminderCount, i.LinkTokens))
            .ToList();

        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => r.ContactId == contactId || db.SurveyInvitations.Any(i => i.Id == r.InvitationId && i.ContactId == contactId))
            .Select(r => new
            {
                r.Id,
                r.TransactionId,
                r.SubmittedAt,
                r.LastEditedAt,
                r.Overall,
                r.Reliability,
                r.Responsiveness,
                r.FeelingValued,
                r.Empathy,
                r.Competency,
                r.LikelihoodToRecommend,
                r.Comment,
                r.Language,
                Categories = r.FailureCategories.Select(c => db.FailureCategories.Where(f => f.Id == c.FailureCategoryId).Select(f => f.Name).First()).ToList(),
            })
            .ToListAsync(cancellationToken);

        var guarantees = (await db.GuaranteeInvocations.AsNoTracking()
            .Where(g => g.ContactId == contactId)
            .Select(g => new
            {
                g.Id,
                g.TransactionId,
                g.Channel,
                g.Status,
                g.InvoicedAmount,
                g.ChosenAmount,
                g.AgreedAmount,
                g.Currency,
                g.Reason,
                g.CreatedAt,
                g.SettledAt,
            })
            .ToListAsync(cancellationToken))
            .OrderBy(g => g.CreatedAt)
            .Select(g => new GuaranteeRow(g.Id, g.TransactionId, g.Channel.ToString(), g.Status.ToString(), g.InvoicedAmount, g.ChosenAmount,
                g.AgreedAmount, g.Currency, g.Reason, g.CreatedAt, g.SettledAt))
            .ToList();

        var emails = (await AddressedTo(db, contactId, contact.Email)
            .Select(m => new { m.Id, m.Kind, m.ToAddress, m.ToName, m.Subject, m.Status, m.CreatedAt, m.SentAt, m.TextBody })
            .ToListAsync(cancellationToken))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new EmailRow(m.Id, m.Kind, m.ToAddress, m.ToName, m.Subject, m.Status.ToString(), m.CreatedAt, m.SentAt, m.TextBody))
            .ToList();

        var history = (await db.PrivacyAudit.AsNoTracking()
            .Where(e => e.ContactId == contactId)
            .Select(e => new { e.At, e.ActorName, e.Action, e.Summary })
            .ToListAsync(cancellationToken))
            .OrderByDescending(e => e.At)
            .Select(e => new HistoryRow(e.At, e.ActorName, PrivacyText.Describe(e.Action), e.Summary))
            .ToList();

        return new Model(
            contact,
            transactions,
            invitations,
            ratings.OrderBy(r => r.SubmittedAt)
                .Select(r => new RatingRow(r.Id, r.TransactionId, r.SubmittedAt, r.LastEditedAt, r.Overall, r.Reliability, r.Responsiveness,
                    r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend, r.Comment, r.Language, r.Categories.Order().ToList()))
                .ToList(),
            guarantees,
            emails,
            history);
    }

    /// <summary>Outbox emails to the contact: those of their survey invitations, and any other sent to their address.</summary>
    internal static IQueryable<Domain.Email.OutboxMessage> AddressedTo(IAppDbContext db, Guid contactId, string? email) =>
        db.OutboxMessages.AsNoTracking().Where(m =>
            (m.SurveyInvitationId != null && db.SurveyInvitations.Any(i => i.Id == m.SurveyInvitationId && i.ContactId == contactId))
            || (email != null && m.ToAddress == email));
}
