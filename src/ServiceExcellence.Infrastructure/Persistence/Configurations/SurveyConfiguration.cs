using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.HasIndex(i => i.TransactionId).IsUnique();
        builder.HasIndex(i => new { i.ContactId, i.CreatedAt });

        // The reminder and expiry jobs look for open invitations by status and time.
        builder.HasIndex(i => new { i.Status, i.SentAt });
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.SuppressionReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Language).HasMaxLength(Limits.Language);
        builder.Property(i => i.LastError).HasMaxLength(1_000);
        builder.HasOne<Transaction>().WithMany().HasForeignKey(i => i.TransactionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class SurveyLinkTokenConfiguration : IEntityTypeConfiguration<SurveyLinkToken>
{
    public void Configure(EntityTypeBuilder<SurveyLinkToken> builder)
    {
        builder.Property(t => t.Hash).HasMaxLength(32).IsFixedLength();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.InvitationId);
        builder.HasOne<SurveyInvitation>().WithMany().HasForeignKey(t => t.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}
