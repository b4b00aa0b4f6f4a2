# DBD::Pg against a --pg server (PgClientsIT): table_info, column_info, primary_key_info and a
# bound alpha sent as text. usage: perl catalog_clients.pl PORT USER PASSWORD DATABASE SCHEMA
use strict;
use warnings;
use DBI;

my ($port, $user, $password, $database, $schema) = @ARGV;
my $dbh = DBI->connect("dbi:Pg:dbname=$database;host=127.0.0.1;port=$port", $user, $password,
    {RaiseError => 1, AutoCommit => 1, PrintError => 0});
print "version $DBD::Pg::VERSION\n";
my $tables = $dbh->table_info(undef, $schema, '%', 'TABLE')->fetchall_arrayref({});
print "table ", $_->{TABLE_NAME}, "\n" for sort { $a->{TABLE_NAME} cmp $b->{TABLE_NAME} } @$tables;
my $columns = $dbh->column_info(undef, $schema, 'scores', '%')->fetchall_arrayref({});
print "column ", $_->{COLUMN_NAME}, " ", $_->{TYPE_NAME}, "\n" for @$columns;
print "pk ", join(",", $dbh->primary_key(undef, $schema, 'scores')), "\n";
my $sth = $dbh->prepare("SELECT KL_DIVERGENCE(p, q, ?) AS kl FROM scores WHERE grp = ?");
$sth->execute("1", "a");
print "kl ", $sth->fetchrow_arrayref->[0], "\n";
$sth->finish;
$dbh->disconnect;
