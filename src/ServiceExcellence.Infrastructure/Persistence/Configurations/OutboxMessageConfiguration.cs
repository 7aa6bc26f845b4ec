using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Email;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.ToAddress).HasMaxLength(Limits.Email);
        builder.Property(m => m.ToName).HasMaxLength(Limits.Name);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.MessageId).HasMaxLength(100);
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1_000);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);

        // The dispatcher's claim query: due pending messages.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.SurveyInvitationId);
    }
}
