using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Integrations;

/// <summary>A transaction as the API shows it to the source system that posted it, with its survey and rating.</summary>
public static class ApiTransaction
{
    /// <summary>Only transactions of the caller's own source are found.</summary>
    public sealed record Query(Guid Id, string SourceSystem) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string ExternalReference, string? ClientReference, ContactModel Contact, string ServiceLine, string? PerformedBy,
        DateTimeOffset OccurredAt, Channel Channel, decimal InvoicedAmount, string Currency, InvitationModel? Invitation, RatingModel? Rating);

    public sealed record ContactModel(string? Email, string Name, string Language);

    /// <summary>The survey invitation: its status and, when no survey was sent, why.</summary>
    public sealed record InvitationModel(InvitationStatus Status, SuppressionReason? SuppressionReason, DateTimeOffset? SentAt, DateTimeOffset? RespondedAt);

    /// <summary>The customer's scores (the comment is not shared with other systems).</summary>
    public sealed record RatingModel(
        int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency, int? LikelihoodToRecommend,
        DateTimeOffset SubmittedAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = query.SourceSystem.Trim().ToLowerInvariant();
            var model = await db.Transactions.AsNoTracking()
                .Where(t => t.Id == query.Id && t.SourceSystem == source)
                .Select(t => new Model(
                    t.Id,
                    t.ExternalReference,
                    db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.ExternalId).First(),
                    db.Contacts.Where(k => k.Id == t.ContactId).Select(k => new ContactModel(k.Email, k.Name, k.Language)).First(),
                    db.ServiceLines.Where(s => s.Id == t.ServiceLineId).Select(s => s.Code).First(),
                    db.People.Where(p => p.Id == t.PerformedByPersonId).Select(p => p.Email).FirstOrDefault(),
                    t.OccurredAt,
                    t.Channel,
                    t.InvoicedAmount,
                    t.Currency,
                    db.SurveyInvitations.Where(i => i.TransactionId == t.Id)
                        .Select(i => new InvitationModel(i.Status, i.SuppressionReason, i.SentAt, i.RespondedAt)).FirstOrDefault(),
                    db.Ratings.Where(r => r.TransactionId == t.Id)
                        .Select(r => new RatingModel(r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend, r.SubmittedAt))
                        .FirstOrDefault()))
                .SingleOrDefaultAsync(cancellationToken);
            return model ?? throw new NotFoundException("The transaction");
        }
    }
}
