using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> builder)
    {
        builder.Property(t => t.SourceSystem).HasMaxLength(Limits.SourceSystem);
        builder.Property(t => t.ExternalReference).HasMaxLength(Limits.ExternalReference);
        builder.Property(t => t.Currency).HasMaxLength(Limits.Currency).IsFixedLength();
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);

        // The idempotency key of recording.
        builder.HasIndex(t => new { t.SourceSystem, t.ExternalReference }).IsUnique();

        // The transaction list filters by each of these and sorts by date.
        builder.HasIndex(t => t.OccurredAt);
        builder.HasIndex(t => new { t.ClientId, t.OccurredAt });
        builder.HasIndex(t => new { t.ServiceLineId, t.OccurredAt });
        builder.HasIndex(t => new { t.PerformedByTeamId, t.OccurredAt });

        builder.HasOne<Client>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceLine>().WithMany().HasForeignKey(t => t.ServiceLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PerformedByPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.PerformedByTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
