# -*- coding: utf-8 -*-
# The Python client sample of the API's own document
# (../shared/seed/credit_report_api.txt), as given there, with only these
# changes so that it can be pointed at `creditetl sandbox`: the URL and the
# credentials come from the environment (CREDITETL_ENDPOINT,
# CREDITETL_SECRET_ID, CREDITETL_SECRET_KEY), the image placeholder is filled
# with the base64 of the file named by CREDITETL_SCAN, and the indentation
# that the document lost is restored. Run by sandbox/python_sample_test.go.
from __future__ import print_function
import ssl, hmac, base64, hashlib
import os
from datetime import datetime as pydatetime
try:
    from urllib import urlencode
    from urllib2 import Request, urlopen
except ImportError:
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen
# 云市场分配的密钥Id
secretId = os.environ["CREDITETL_SECRET_ID"]
# 云市场分配的密钥Key
secretKey = os.environ["CREDITETL_SECRET_KEY"]
source = "market"
# 签名
datetime = pydatetime.utcnow().strftime('%a, %d %b %Y %H:%M:%S GMT')
signStr = "x-date: %s\nx-source: %s" % (datetime, source)
sign = base64.b64encode(hmac.new(secretKey.encode('utf-8'), signStr.encode('utf-8'), hashlib.sha1).digest())
auth = 'hmac id="%s", algorithm="hmac-sha1", headers="x-date x-source", signature="%s"' % (secretId, sign.decode('utf-8'))
# 请求方法
method = 'POST'
# 请求头
headers = {
    'X-Source': source,
    'X-Date': datetime,
    'Authorization': auth,
}
# 查询参数
queryParams = {
}
# body参数(POST方法下存在)
bodyParams = {
    "image": base64.b64encode(open(os.environ["CREDITETL_SCAN"], "rb").read()).decode('ascii')}
# url参数拼接
url = os.environ["CREDITETL_ENDPOINT"]
if len(queryParams.keys()) > 0:
    url = url + '?' + urlencode(queryParams)
request = Request(url, headers=headers)
request.get_method = lambda: method
if method in ('POST', 'PUT', 'PATCH'):
    request.data = urlencode(bodyParams).encode('utf-8')
    request.add_header('Content-Type', 'application/x-www-form-urlencoded')
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
response = urlopen(request, context=ctx)
content = response.read()
if content:
    print(content.decode('utf-8'))
