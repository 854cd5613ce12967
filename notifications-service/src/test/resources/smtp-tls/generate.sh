#!/usr/bin/env bash
# Test-only TLS material for the SMTP security tests (SmtpSecurityIT): a private CA, and a server
# certificate it signed for 127.0.0.1/localhost, held by the test's GreenMail. Nothing here is a
# secret: the keys exist for the tests alone. Run again (from this folder) to make new ones.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ca.p12 ca.pem server.p12 server.csr server.pem
keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 36500 -dname "CN=Interests Office test CA" \
  -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass changeit
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass changeit -file ca.pem
keytool -genkeypair -alias greenmail -keyalg RSA -keysize 2048 -validity 36500 -dname "CN=localhost" \
  -keystore server.p12 -storetype PKCS12 -storepass changeit
keytool -certreq -alias greenmail -keystore server.p12 -storepass changeit -file server.csr
keytool -gencert -alias ca -keystore ca.p12 -storepass changeit -infile server.csr -outfile server.pem -rfc \
  -validity 36500 -ext san=ip:127.0.0.1,dns:localhost -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth
keytool -importcert -noprompt -alias ca -keystore server.p12 -storepass changeit -file ca.pem
keytool -importcert -alias greenmail -keystore server.p12 -storepass changeit -file server.pem
# The server's keystore holds its key and chain only: GreenMail uses every key entry it finds.
keytool -delete -alias ca -keystore server.p12 -storepass changeit
rm -f ca.p12 server.csr server.pem
