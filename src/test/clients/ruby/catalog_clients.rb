# ruby-pg against a --pg server (PgClientsIT): a text $1 declared as float8 (OID 701) and an
# array bound to = ANY($1). usage: ruby catalog_clients.rb PORT USER PASSWORD DATABASE [arrays|no-arrays]
require "pg"

port, user, password, database, arrays = ARGV
c = PG.connect(host: "127.0.0.1", port: port.to_i, user: user, password: password,
               dbname: database)
puts "version #{PG::VERSION}"
r = c.exec_params("SELECT KL_DIVERGENCE(p, q, $1) AS kl FROM scores WHERE grp = $2",
                  [{value: "1", type: 701}, "a"])
puts "kl #{r[0]['kl']}"
if arrays != "no-arrays" # a Calcite model takes no array parameters
  r = c.exec_params("SELECT id FROM scores WHERE id = ANY($1) ORDER BY id",
                    [PG::TextEncoder::Array.new.encode([1, 3, 4])])
  puts "any #{r.values.flatten.join(',')}"
end
c.close
