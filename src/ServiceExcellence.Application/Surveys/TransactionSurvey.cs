using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Surveys;

/// <summary>What staff see of a transaction's survey: the invitation's state and the customer's answer.</summary>
public static class TransactionSurvey
{
    /// <summary>Null when the transaction has no invitation (recorded before surveys existed).</summary>
    public sealed record Query(Guid TransactionId) : IQuery<Model?>;

    public sealed record Model(
        InvitationStatus Status,
        SuppressionReason? SuppressionReason,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt,
        DateTimeOffset? ExpiresAt,
        int ReminderCount,
        string? LastError,
        string Language,
        Answer? Rating)
    {
        /// <summary>Staff may send it again unless the customer answered or it was never to be sent.</summary>
        public bool CanResend => Status is not (InvitationStatus.Responded or InvitationStatus.Suppressed);
    }

    public sealed record Answer(
        int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency,
        int? LikelihoodToRecommend, IReadOnlyList<string> FailureCategories, string? Comment,
        DateTimeOffset SubmittedAt, DateTimeOffset? LastEditedAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitation = await db.SurveyInvitations.AsNoTracking()
                .SingleOrDefaultAsync(i => i.TransactionId == query.TransactionId, cancellationToken);
            if (invitation is null)
            {
                return null;
            }

            var rating = await db.Ratings.AsNoTracking()
                .Where(r => r.InvitationId == invitation.Id)
                .Select(r => new Answer(
                    r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend,
                    db.RatingFailureCategories.Where(c => c.RatingId == r.Id)
                        .Join(db.FailureCategories, c => c.FailureCategoryId, f => f.Id, (c, f) => f.Name)
                        .ToList(),
                    r.Comment, r.SubmittedAt, r.LastEditedAt))
                .SingleOrDefaultAsync(cancellationToken);
            return new Model(
                invitation.Status, invitation.SuppressionReason, invitation.CreatedAt, invitation.SentAt, invitation.ExpiresAt,
                invitation.ReminderCount, invitation.LastError, invitation.Language, rating);
        }
    }
}
